/** Where the previous page ended: its last row's sort key and id (the tie-breaker). */
export interface KeysetPosition {
  key: string | number;
  id: string;
}
