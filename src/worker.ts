import { createWorker } from './app.factory';
import { loadConfig } from './infra/config/app-config';
import { exitWithStartupError } from './infra/startup-error';

createWorker(loadConfig()).catch(exitWithStartupError);
