import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** Operator tasks: the work queue, and completing a task (a phone call's outcome goes to the dunning). */
@Module({ imports: [EventsModule], controllers: [TasksController], providers: [TasksService] })
export class TasksModule {}
