import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { cliAction } from '../cli-action';
import { renderOpenApiDocument } from '../services/openapi-document';

interface OpenApiOptions {
  out: string;
}

export function registerOpenApiCommand(program: Command): void {
  program
    .command('openapi')
    .description('write the OpenAPI document that the API serves at /docs-json (needs no Postgres or Redis)')
    .option('--out <file>', 'where to write it', 'docs/openapi.json')
    .action(
      cliAction(async (context, options: OpenApiOptions) => {
        await writeFile(options.out, await renderOpenApiDocument(context.config));
        console.log(`OpenAPI document written to ${options.out}`);
      }),
    );
}
