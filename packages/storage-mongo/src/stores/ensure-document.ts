import type { Collection, Document } from 'mongodb';
import { isDuplicateKeyError } from '../mongo-errors';

/**
 * Creates the document with `initial` fields unless it exists. Two instances racing to create it
 * both succeed: the loser's E11000 means the document is there.
 */
export async function ensureDocument(collection: Collection<Document>, id: string, initial: Document): Promise<void> {
  try {
    await collection.updateOne({ _id: id as never }, { $setOnInsert: initial }, { upsert: true });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}
