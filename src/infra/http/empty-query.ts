/** For routes that take no query parameters: any parameter given is then rejected with a 400. */
export class EmptyQuery {}
