// Preloaded (NODE_OPTIONS --require) into the API and workers by `--profile`: Node 20 refuses
// --cpu-prof in NODE_OPTIONS, so this records a V8 CPU profile through the inspector and writes
// it to $BENCH_CPU_PROFILE_DIR/<api|worker>-<pid>.cpuprofile when the process exits.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import * as path from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  const name = path.basename(path.dirname(process.argv[1] ?? 'node'));
  // An in-process inspector session answers synchronously, so this completes inside 'exit'.
  process.on('exit', () =>
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(path.join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    }),
  );
  // The API has no SIGTERM handler of its own, and a process killed by a signal never reaches
  // 'exit'. Processes that handle SIGTERM themselves (the worker) keep their own shutdown.
  process.on('SIGTERM', () => {
    if (process.listenerCount('SIGTERM') === 1) process.exit(0);
  });
}
