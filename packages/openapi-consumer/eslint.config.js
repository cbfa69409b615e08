import shelf from '../../eslint.config.js';

/** The house rules, and no type assertions: the generated types must be enough on their own. */
export default [
  { ignores: ['generated/**'] },
  ...shelf,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
    },
  },
];
