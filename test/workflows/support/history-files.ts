/**
 * Workflow histories as JSON files, in the format of `temporal workflow show --output json` and of
 * the Web UI's download, so a history from any of them can be dropped into test/workflows/histories.
 *
 * The SDK's own historyToJSON/historyFromJSON fail in this install ("type must be a Type"): npm
 * placed two copies of protobufjs, one under @temporalio/common and one under @temporalio/proto,
 * and the JSON codec must come from the copy that built the message types. So the codec is loaded
 * from the protobufjs that @temporalio/proto resolves.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

type History = proto.temporal.api.history.v1.IHistory;
interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const protojson: ProtoJson = require(require.resolve('protobufjs/ext/protojson', { paths: [require.resolve('@temporalio/proto')] }));
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

export const HISTORIES_DIR = path.join(__dirname, '..', 'histories');

export function historyToJson(history: History): string {
  const message = proto.temporal.api.history.v1.History.fromObject(history);
  return `${JSON.stringify(protojson.toJson(historyType, message), null, 2)}\n`;
}

export function historyFromJson(text: string): History {
  return protojson.fromJson(historyType, JSON.parse(text), { ignoreUnknownFields: true }) as History;
}

export function writeHistoryFile(file: string, history: History): void {
  writeFileSync(file, historyToJson(history));
}

/** Every recorded history, by file name (without .json). */
export function readHistoryFiles(dir = HISTORIES_DIR): { name: string; history: History }[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ name: file.replace(/\.json$/, ''), history: historyFromJson(readFileSync(path.join(dir, file), 'utf8')) }));
}
