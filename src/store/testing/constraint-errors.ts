/** How SQLite and PostgreSQL each word a write refused by a constraint, for tests that check which kind refused it. */
export const refusedBy = {
  unique: /UNIQUE constraint failed|duplicate key value violates unique constraint/,
  foreignKey: /FOREIGN KEY constraint failed|violates foreign key constraint/,
  check: /CHECK constraint failed|violates check constraint/,
} as const;
