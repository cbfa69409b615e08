/** An account was to get an email address another account has; the database settled the race. */
export class EmailTakenError extends Error {
  constructor() {
    super('Another account has this email address');
    this.name = 'EmailTakenError';
  }
}
