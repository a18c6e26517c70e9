import { Module } from '@nestjs/common';
import { DunningCommands } from './dunning-commands';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

/** Events on an invoice (payments, disputes, promises, letters, calls, decisions), sent to its dunning workflow. */
@Module({ controllers: [EventsController], providers: [DunningCommands, EventsService], exports: [DunningCommands] })
export class EventsModule {}
