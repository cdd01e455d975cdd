import 'reflect-metadata';
import { exitWithStartupError } from '../infra/startup-error';
import { createCliProgram } from './cli-program';

createCliProgram().parseAsync(process.argv).catch(exitWithStartupError);
