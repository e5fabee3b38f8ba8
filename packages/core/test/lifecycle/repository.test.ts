import { describe, expect, it } from 'vitest';
import { SmartTaskError } from '../../src/index.js';
import { applyEvent, createInMemoryRequestRepository, openRequest } from '../../src/entries/lifecycle.js';
import { at, eventOf, submitEvent } from './support.js';

async function rejection(promise: Promise<unknown>): Promise<SmartTaskError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SmartTaskError);
  return error as SmartTaskError;
}

describe('the in-memory request repository', () => {
  it('saves a new request as version 1 and each change with the next version', async () => {
    const repository = createInMemoryRequestRepository();
    const saved = await repository.save(openRequest(submitEvent()));
    expect(saved.version).toBe(1);
    const started = await repository.save(applyEvent(saved, eventOf('START_ISTRUTTORIA', at(1000))));
    expect(started).toMatchObject({ version: 2, state: 'IN_ISTRUTTORIA' });
    expect(await repository.get('INPS.7000.2026.0001')).toBe(started);
    expect(await repository.get('INPS.7000.2026.9999')).toBeUndefined();
  });

  it('refuses a write based on a stale read (optimistic concurrency)', async () => {
    const repository = createInMemoryRequestRepository();
    const saved = await repository.save(openRequest(submitEvent()));
    const [first, second] = [applyEvent(saved, eventOf('START_ISTRUTTORIA', at(1000))), applyEvent(saved, eventOf('WITHDRAW', at(1000)))];
    await repository.save(first);
    const error = await rejection(repository.save(second));
    expect(error.issues[0]).toMatchObject({ code: 'VERSION_CONFLICT', pointer: '/version' });
    expect(error.message).toContain('Request INPS.7000.2026.0001 was read at version 1 but there is stored version 2');
    expect(error.message).toContain('read the request again, re-apply the event and save again');
    expect((await repository.get('INPS.7000.2026.0001'))?.state).toBe('IN_ISTRUTTORIA');
  });

  it('refuses a second new request with a protocollo already taken', async () => {
    const repository = createInMemoryRequestRepository();
    await repository.save(openRequest(submitEvent()));
    const error = await rejection(repository.save(openRequest(submitEvent({ at: at(5000) }))));
    expect(error.message).toContain('A new request needs a protocollo no other request has');
    expect(repository.all()).toHaveLength(1);
  });

  it('of two concurrent writers of the same version, exactly one wins', async () => {
    const repository = createInMemoryRequestRepository();
    const saved = await repository.save(openRequest(submitEvent()));
    const outcomes = await Promise.allSettled([repository.save(applyEvent(saved, eventOf('START_ISTRUTTORIA', at(1000)))), repository.save(applyEvent(saved, eventOf('WITHDRAW', at(1000))))]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('refuses a request whose version was not read from the repository', async () => {
    const repository = createInMemoryRequestRepository();
    const opened = openRequest(submitEvent());
    await repository.save(opened);
    const error = await rejection(repository.save({ ...opened, version: 7 }));
    expect(error.message).toContain('read at version 7 but there is stored version 1');
  });
});
