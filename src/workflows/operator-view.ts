/**
 * What operators see of a dunning in the Temporal Web UI: typed search attributes to filter on,
 * kept current (upserted only when a value changes, each upsert is a history event), and a
 * readable current-details text.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { parisDateOf, parisInstant } from '../domain/calendar';
import type { DunningCase } from './dunning-case';
import { STEP_TITLES } from './dunning-case';
import { RelanceAmountDueCents, RelanceCustomerId, RelanceDueDate, RelanceInvoiceNumber, RelanceNextActionAt, RelanceStage } from './search-attributes';

type Shown = string | number | null;

export class OperatorView {
  private readonly shown = new Map<string, Shown>();

  constructor(private readonly dunning: DunningCase) {
    // The starter sets some attributes at start: do not upsert them again unchanged.
    const initial = workflowInfo().typedSearchAttributes;
    for (const key of [RelanceStage, RelanceInvoiceNumber, RelanceCustomerId, RelanceAmountDueCents, RelanceDueDate, RelanceNextActionAt]) {
      this.shown.set(key.name, comparable(initial.get(key as never) ?? null));
    }
  }

  refresh(nowMs: number): void {
    const { dunning } = this;
    const nextAt = dunning.nextActionAt(nowMs);
    const wanted: SearchAttributeUpdatePair[] = [
      { key: RelanceStage, value: dunning.stage },
      { key: RelanceInvoiceNumber, value: dunning.input.invoiceNumber },
      { key: RelanceCustomerId, value: dunning.input.customerId },
      { key: RelanceAmountDueCents, value: dunning.amountDueCents },
      { key: RelanceDueDate, value: parisInstant(dunning.input.dueDate, 0) },
      { key: RelanceNextActionAt, value: nextAt === null ? null : new Date(nextAt) },
    ];
    const changed = wanted.filter((pair) => comparable(pair.value) !== this.shown.get(pair.key.name));
    if (changed.length > 0) {
      upsertSearchAttributes(changed);
      for (const pair of changed) this.shown.set(pair.key.name, comparable(pair.value));
    }
    setCurrentDetails(this.details(nowMs));
  }

  /** Markdown, as the Web UI renders it: where the dunning stands, then the figures, then the last event. */
  details(nowMs: number): string {
    const { dunning } = this;
    const { plan, input } = dunning;
    const last = dunning.lastEntry();
    return [
      `**${this.headline(nowMs)}**`,
      `Balance ${dunning.money(dunning.amountDueCents)} of ${dunning.money(input.amountDueCents)}, due ${input.dueDate} · plan ${plan.name} v${plan.version}`,
      last ? `Last: ${last.summary} (${parisClock(Date.parse(last.at))})` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
  }

  private headline(nowMs: number): string {
    const { dunning } = this;
    const next = dunning.schedule(nowMs);
    const stage = sentenceCase(dunning.stage);
    switch (next.kind) {
      case 'finished': {
        const outcome = dunning.snapshot(nowMs).outcome;
        const who = outcome?.by ? ` by ${outcome.by}` : '';
        const why = outcome?.reason ? `: ${outcome.reason}` : '';
        return `${stage} since ${parisClock(Date.parse(outcome?.at ?? ''))}${who}${why}`;
      }
      case 'paused': {
        const pause = dunning.activePause(next.reason);
        if (!pause) return stage;
        if (next.reason === 'promise') return `Waiting for the promised payment (${pause.detail}) until ${parisClock(next.until ?? 0)}`;
        const what = next.reason === 'dispute' ? 'Disputed' : 'On hold';
        return `${what} since ${parisDateOf(Date.parse(pause.since))}: ${pause.detail} (${pause.by}). Nothing is sent meanwhile`;
      }
      case 'awaiting_posting': {
        const letter = dunning.latestWarning();
        return `Waiting for registered-letter confirmation since ${letter?.producedOn ?? '?'}`;
      }
      case 'plan_complete':
        return `${stage}: every step of the plan is done; the dunning stays open to payments`;
      case 'step': {
        const step = dunning.plan.steps[next.index];
        return `${stage}. Next: ${STEP_TITLES[step.template].toLowerCase()} on ${parisClock(next.at)} (Paris)`;
      }
    }
  }
}

function comparable(value: unknown): Shown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || (typeof value === 'object' && typeof (value as Date).getTime === 'function')) return (value as Date).getTime();
  if (Array.isArray(value)) return value.length === 0 ? null : comparable(value[0]);
  return value as Shown;
}

/** 'YYYY-MM-DD HH:MM', Europe/Paris. */
export function parisClock(ms: number): string {
  const date = parisDateOf(ms);
  const minutes = Math.round((ms - parisInstant(date, 0).getTime()) / 60_000);
  return `${date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function sentenceCase(stage: string): string {
  const words = stage.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
