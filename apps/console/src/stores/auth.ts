import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { fetchMe, login as loginRequest, logoutEverywhere, refreshSession, type Session } from '@/api/auth';
import { resetSignOutGuard } from '@/api/request';
import type { User } from '@/api/types';
import { can, type AccessRequirement } from '@/utils/access';

const STORAGE_KEY = 'dangjian.session';
/** Refresh this long before the access token ends, so no request goes out with a dying token. */
const REFRESH_MARGIN_MS = 60_000;

interface StoredSession {
  accessToken: string;
  expiresAt: string;
  refreshToken?: string;
  refreshExpiresAt?: string;
  user: User;
}

function readSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as StoredSession;
    if (typeof session.accessToken !== 'string' || typeof session.expiresAt !== 'string' || !session.user) return null;
    return session;
  } catch {
    return null;
  }
}

function later(iso: string | null | undefined, now: number, margin = 0): boolean {
  return Boolean(iso) && new Date(iso as string).getTime() - margin > now;
}

/**
 * The signed-in person. The session lives in localStorage so that other tabs and a reload share it;
 * a short-lived access token is renewed with the refresh token, and tabs pick up each other's
 * renewals (a refresh token can be used only once).
 */
export const useAuthStore = defineStore('auth', () => {
  const session = ref<StoredSession | null>(readSession());
  /** Whether `me` was asked since the page loaded (a role changed on the server takes effect). */
  const verified = ref(false);

  const accessToken = computed(() => session.value?.accessToken ?? null);
  const user = computed(() => session.value?.user ?? null);
  const role = computed(() => user.value?.role);
  const displayName = computed(() => user.value?.displayName || user.value?.username || '');

  function store(next: StoredSession | null): void {
    session.value = next;
    if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else localStorage.removeItem(STORAGE_KEY);
  }

  function fromPayload(payload: Session): StoredSession {
    return {
      accessToken: payload.accessToken,
      expiresAt: payload.expiresAt,
      refreshToken: payload.refreshToken,
      refreshExpiresAt: payload.refreshExpiresAt,
      user: payload.user,
    };
  }

  function isAuthenticated(now = Date.now()): boolean {
    return later(session.value?.expiresAt, now);
  }

  function canRefresh(now = Date.now()): boolean {
    return Boolean(session.value?.refreshToken) && later(session.value?.refreshExpiresAt, now);
  }

  async function login(username: string, password: string): Promise<void> {
    store(fromPayload(await loginRequest(username, password)));
    verified.value = true;
    resetSignOutGuard();
  }

  let refreshing: Promise<boolean> | null = null;

  /** Renews the tokens once for all callers; true when a usable access token is there afterwards. */
  function refresh(): Promise<boolean> {
    refreshing ??= (async () => {
      const used = session.value?.refreshToken;
      try {
        if (!used || !canRefresh()) return false;
        store(fromPayload(await refreshSession(used)));
        return true;
      } catch {
        // Another tab may have used the same refresh token first and stored the new pair.
        const shared = readSession();
        if (shared && shared.refreshToken !== used && later(shared.expiresAt, Date.now())) {
          session.value = shared;
          return true;
        }
        return false;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  /** Called before each request: renews a token about to end. */
  async function ensureFresh(): Promise<void> {
    if (!session.value || later(session.value.expiresAt, Date.now(), REFRESH_MARGIN_MS)) return;
    if (canRefresh()) await refresh();
  }

  async function refreshUser(): Promise<void> {
    const me = await fetchMe();
    if (session.value) store({ ...session.value, user: me });
    verified.value = true;
  }

  function clear(): void {
    store(null);
    verified.value = false;
  }

  async function logout(): Promise<void> {
    if (isAuthenticated()) await logoutEverywhere().catch(() => undefined);
    clear();
  }

  function allowed(requirement: AccessRequirement): boolean {
    return can(role.value, requirement);
  }

  // Another tab signed in, renewed or signed out: follow it.
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key === STORAGE_KEY) session.value = readSession();
    });
  }

  return {
    session,
    verified,
    accessToken,
    user,
    role,
    displayName,
    isAuthenticated,
    canRefresh,
    login,
    refresh,
    ensureFresh,
    refreshUser,
    clear,
    logout,
    allowed,
  };
});
