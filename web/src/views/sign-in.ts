import { api } from '../api.js';
import { focusHeading, h } from '../dom.js';
import { attempt, clearError } from '../notice.js';
import { startSession } from '../session.js';
import type { Tokens } from '../types.js';

interface Field {
  label: string;
  name: string;
  type: string;
  autocomplete: string;
  minlength?: number;
  maxlength?: number;
}

const EMAIL: Field = { label: 'Email', name: 'email', type: 'email', autocomplete: 'email' };

function field(f: Field) {
  const id = `field-${f.name}`;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, f.label),
    h('input', {
      id,
      name: f.name,
      type: f.type,
      autocomplete: f.autocomplete,
      required: true,
      minlength: f.minlength,
      maxlength: f.maxlength,
    }),
  );
}

function values(form: HTMLFormElement): Record<string, string> {
  return Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, typeof v === 'string' ? v : v.name]));
}

/** Signed out: sign in, or create an account (then `onCreated` opens the topic picker). */
export function signInView(notice: string | null, onCreated: () => void): HTMLElement {
  const root = h('main', { class: 'signed-out', id: 'main' });
  const status = h('p', { class: 'status', role: 'status' }, notice ?? '');

  const busy = async (form: HTMLFormElement, action: () => Promise<unknown>) => {
    const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
    button.disabled = true;
    clearError();
    await attempt(action);
    button.disabled = false;
  };

  const showSignIn = () => {
    const form = h(
      'form',
      { 'aria-labelledby': 'form-title', novalidate: true },
      h('h2', { id: 'form-title' }, 'Sign in'),
      field(EMAIL),
      field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password' }),
      h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(form, async () => {
        const { email, password } = values(form);
        const answer = await api<{ tokens: Tokens }>('POST', '/v1/auth/login', { email, password }, { auth: false });
        startSession(answer.tokens);
      });
    });
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'link-button',
        onclick: () => {
          clearError();
          showCreate();
        },
      },
      'Create account',
    );
    swap(form, h('p', {}, 'New to myNEWS? ', toggle));
  };

  const showCreate = () => {
    const form = h(
      'form',
      { 'aria-labelledby': 'form-title', novalidate: true },
      h('h2', { id: 'form-title' }, 'Create your account'),
      field(EMAIL),
      field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password', minlength: 8, maxlength: 128 }),
      field({ label: 'Display name', name: 'displayName', type: 'text', autocomplete: 'nickname', maxlength: 80 }),
      h('button', { type: 'submit', class: 'primary' }, 'Create account'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(form, async () => {
        const { email, password, displayName } = values(form);
        const answer = await api<{ tokens: Tokens }>('POST', '/v1/auth/register', { email, password, displayName }, { auth: false });
        onCreated();
        startSession(answer.tokens);
      });
    });
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'link-button',
        onclick: () => {
          clearError();
          showSignIn();
        },
      },
      'I already have an account',
    );
    swap(form, h('p', {}, 'Have an account? ', toggle));
  };

  const slot = h('div', { class: 'card' });
  const swap = (...content: HTMLElement[]) => {
    slot.replaceChildren(...content);
    content[0].querySelector('input')?.focus();
  };

  root.append(h('h1', {}, 'myNEWS'), h('p', { class: 'tagline' }, 'The stories that matter to you.'), status, slot);
  showSignIn();
  queueMicrotask(() => {
    if (!document.activeElement || document.activeElement === document.body) focusHeading(root);
  });
  return root;
}
