import { loadConfig } from '../config/config';
import { createApi, NoActiveApiKeyError } from './create-api';

async function main() {
  const config = loadConfig();
  const app = await createApi(config);
  await app.listen(config.api.port, config.api.host);
  console.log(`api: listening on ${config.api.publicUrl} (Swagger UI at ${config.api.publicUrl}/docs)`);
}

main().catch((error) => {
  if (error instanceof NoActiveApiKeyError) console.error(`api: not starting. ${error.message}`);
  else console.error('api: fatal', error);
  process.exit(1);
});
