import { Module } from '@nestjs/common';
import { TimelineController } from './timeline.controller';
import { TimelineService } from './timeline.service';

/** An invoice's timeline and documents, read from PostgreSQL. */
@Module({ controllers: [TimelineController], providers: [TimelineService] })
export class TimelineModule {}
