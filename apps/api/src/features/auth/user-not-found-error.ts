/** A write was made for an account that no longer exists (deleted meanwhile). */
export class UserNotFoundError extends Error {
  constructor() {
    super('This account no longer exists');
    this.name = 'UserNotFoundError';
  }
}
