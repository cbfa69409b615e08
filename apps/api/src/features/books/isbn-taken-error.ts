/** A book was given an ISBN another book already has; the database's unique index said so. */
export class IsbnTakenError extends Error {
  constructor() {
    super('Another book already has this ISBN');
    this.name = 'IsbnTakenError';
  }
}
