/** A new account asked for a username another account has; the database settled the race. */
export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`The username ${username} is taken`);
    this.name = 'UsernameTakenError';
  }
}
