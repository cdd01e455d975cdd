import { pageQuery } from '../../infra/http/paging';

export class CatchUpQuery extends pageQuery(50) {}
