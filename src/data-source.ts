import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './infra/config/app-config';
import { dataSourceOptions } from './infra/database/data-source-options';

// For the TypeORM CLI only (migration:generate / migration:run); the app uses prepareDatabase().
export default new DataSource(dataSourceOptions(loadConfig().DATABASE_URL));
