import { QUEUE_OF } from '../infra/queues/job-catalogue';

describe('alert push jobs', () => {
  it('run on a queue of their own, so pushes waiting on the network never take a chunk job’s slot', () => {
    expect(QUEUE_OF['alerts.push']).not.toBe(QUEUE_OF['alerts.chunk']);
    expect(QUEUE_OF['alerts.push']).not.toBe(QUEUE_OF['alerts.plan']);
  });
});
