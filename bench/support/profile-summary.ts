/**
 * Summarizes a .cpuprofile (from --profile) in the terminal: self time by function and by where
 * the code lives (our src/, a node_modules package, Node itself).
 *
 *   node dist/bench/support/profile-summary.js bench/profiles/storm/worker-1234.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';
import { formatTable } from './report';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function placeOf(url: string): string {
  if (!url) return '(native / idle / gc)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/(src\/.+|bench\/.+|workflow-bundle\.js)$/.exec(url);
  if (ours) return ours[1].replace(/\/[^/]+$/, '/');
  return url.startsWith('node:') ? 'node' : url;
}

export function summarizeProfile(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    add(functions, `${functionName || '(anonymous)'} ${placeOf(url)}:${lineNumber + 1}`, us);
    add(places, placeOf(url), us);
  }
  const rows = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => [name.slice(0, 110), (us / 1000).toFixed(0), `${((us / total) * 100).toFixed(1)} %`]);
  return [
    `total sampled: ${(total / 1e6).toFixed(1)} s`,
    formatTable(['where', 'self ms', 'share'], rows(places)),
    '',
    formatTable(['function', 'self ms', 'share'], rows(functions)),
  ].join('\n');
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  console.log(summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as Profile, top ? Number(top) : undefined));
}
