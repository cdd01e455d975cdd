/**
 * A user's feed bucket: userId mod buckets, read off the id's decimal digits in Number arithmetic
 * (remainder × 10 + digit stays far below 2^53 for any bucket count), so a fan-out pays no BigInt per follower.
 * Ids are Postgres bigints as decimal strings (no sign, no leading zeros needed).
 */
export function bucketOf(userId: string, buckets: number): number {
  let remainder = 0;
  for (let i = 0; i < userId.length; i++) remainder = (remainder * 10 + (userId.charCodeAt(i) - 48)) % buckets;
  return remainder;
}
