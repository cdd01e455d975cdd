// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // test/typed-client/ is compiled on its own, in strict mode, against types generated during its test.
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/results/', 'test/typed-client/'] },
  {
    files: ['{src,test,bench,seeds,migrations}/**/*.ts'],
    extends: [eslint.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // The type-check project, which (unlike the build's tsconfig.json) includes the tests and specs.
        project: './tsconfig.typecheck.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Nest handlers declare `@Query() _query: EmptyQuery` only so the validation pipe rejects stray parameters.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**/*.ts', 'src/**/*.spec.ts'],
    rules: {
      // Tests read answers as untyped JSON (HttpAnswer<any>) and use Jest's matchers (typed any) to assert their shape.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // expect(obj.method) and jest.spyOn hand Jest a method without calling it; typescript-eslint's docs advise this for Jest.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The web reader runs in the browser: its own tsconfig (DOM types, ES modules).
    files: ['web/src/**/*.ts'],
    extends: [eslint.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { project: './web/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  // Formatting is Prettier's (npm run lint runs prettier --check); this turns off the rules that would fight it.
  prettier,
);
