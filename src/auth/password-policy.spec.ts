import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each(['12345678', 'password', 'qwertyui', 'QWERTYUI', 'Password', 'iloveyou', 'password123', 'p@ssw0rd'])(
    'refuses the common password %s',
    (password) => {
      expect(passwordProblem(password)).toMatch(/commonest/);
    },
  );

  it.each(['        ', '\t\t\t\t\t\t\t\t', '\u00a0'.repeat(8), ' \n \n \n \n'])('refuses the blank password %j', (password) => {
    expect(passwordProblem(password)).toMatch(/blank/);
  });

  it('refuses lengths outside 8..128, counting characters, not UTF-16 units', () => {
    expect(passwordProblem('seven77')).toMatch(/8\.\.128/);
    expect(passwordProblem('x'.repeat(129))).toMatch(/8\.\.128/);
    expect(passwordProblem('🔑'.repeat(7))).toMatch(/8\.\.128/);
  });

  it('accepts others', () => {
    expect(passwordProblem('correct horse battery')).toBeUndefined();
    expect(passwordProblem('🔑'.repeat(8))).toBeUndefined();
    expect(passwordProblem(' password ')).toBeUndefined();
  });
});
