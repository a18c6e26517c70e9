import { Body, Controller, Get, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '../auth/access';
import { validationFailed } from '../common/api-error';
import { ErrorBodyView } from '../common/error-body.view';
import { PLAN_BODY_EXAMPLE, PlanBodySchema, PlanSummaryView, PlanView } from './plan.view';
import { PlansService } from './plans.service';

const versionPipe = new ParseIntPipe({ exceptionFactory: () => validationFailed([{ path: 'version', issue: 'version must be a whole number' }]) });

/**
 * Plans are validated by the same rules the workflow relies on (src/domain/plan), so the body is
 * taken as JSON and checked by planProblems rather than by a second, drifting set of decorators.
 */
@ApiTags('plans')
@Roles('backoffice', 'integrator', 'operator')
@Controller('v1/plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @ApiOperation({ summary: 'Every plan, shipped and operator-made, with its versions' })
  @ApiOkResponse({ type: [PlanSummaryView] })
  list(): Promise<PlanSummaryView[]> {
    return this.plans.list();
  }

  @Post()
  @Roles('backoffice')
  @ApiOperation({ summary: 'Create a plan (version 1)', description: 'Assign it as a creditor default or a customer override; new dunnings copy the latest version when they start.' })
  @ApiBody({ type: PlanBodySchema, examples: { keyAccounts: { value: PLAN_BODY_EXAMPLE } } })
  @ApiCreatedResponse({ type: PlanView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'PLAN.ALREADY_EXISTS' })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyView, description: 'VALIDATION.FAILED, with the fields at fault' })
  create(@Body() body: object): Promise<PlanView> {
    return this.plans.create(body);
  }

  @Get(':name')
  @ApiOperation({ summary: 'The latest version of a plan' })
  @ApiOkResponse({ type: PlanView })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'PLAN.NOT_FOUND' })
  get(@Param('name') name: string): Promise<PlanView> {
    return this.plans.get(name);
  }

  @Post(':name/versions')
  @Roles('backoffice')
  @ApiOperation({ summary: 'Add a version to a plan', description: 'Running dunnings keep the version they started with; new ones take this one.' })
  @ApiBody({ type: PlanBodySchema, examples: { firmer: { value: { ...PLAN_BODY_EXAMPLE, name: undefined, promiseGraceDays: 1 } } } })
  @ApiCreatedResponse({ type: PlanView })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'PLAN.NOT_FOUND' })
  @ApiUnprocessableEntityResponse({ type: ErrorBodyView, description: 'VALIDATION.FAILED, with the fields at fault' })
  addVersion(@Param('name') name: string, @Body() body: object): Promise<PlanView> {
    return this.plans.addVersion(name, body);
  }

  @Get(':name/versions/:version')
  @ApiOperation({ summary: 'One version of a plan' })
  @ApiOkResponse({ type: PlanView })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'PLAN.NOT_FOUND' })
  getVersion(@Param('name') name: string, @Param('version', versionPipe) version: number): Promise<PlanView> {
    return this.plans.get(name, version);
  }
}
