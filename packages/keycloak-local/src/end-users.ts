import { seededRandom, shuffled } from './seeded-random.ts';

export interface EndUser {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
}

export const END_USER_COUNT = 300;
const SEED = 20_260_726;

const FIRST_NAMES = [
  'Aisha', 'Alejandro', 'Amara', 'Anders', 'Beatriz', 'Caleb', 'Chen', 'Chiara', 'Dmitri', 'Elena',
  'Emeka', 'Farah', 'Felix', 'Grace', 'Hannah', 'Hiroshi', 'Ingrid', 'Isaac', 'Jamal', 'Julia',
  'Kofi', 'Lars', 'Leila', 'Lucas', 'Maya', 'Mateo', 'Nadia', 'Noah', 'Olivia', 'Omar',
  'Priya', 'Rafael', 'Rosa', 'Samuel', 'Sofia', 'Tariq', 'Uma', 'Victor', 'Yara', 'Zoe',
] as const;

const LAST_NAMES = [
  'Abbott', 'Alvarez', 'Andersen', 'Bauer', 'Bianchi', 'Brennan', 'Castillo', 'Dubois', 'Eriksen', 'Fischer',
  'Fontaine', 'Garcia', 'Haddad', 'Hansen', 'Ivanova', 'Jensen', 'Kapoor', 'Kowalski', 'Larsen', 'Lindqvist',
  'Mensah', 'Moreau', 'Nakamura', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Petrov', 'Quinn', 'Rossi',
  'Santos', 'Schmidt', 'Silva', 'Tanaka', 'Torres', 'Vasquez', 'Weber', 'Williams', 'Yilmaz', 'Zhang',
] as const;

function buildEndUsers(): EndUser[] {
  const pairs = FIRST_NAMES.flatMap((firstName) => LAST_NAMES.map((lastName) => ({ firstName, lastName })));
  return shuffled(pairs, seededRandom(SEED))
    .slice(0, END_USER_COUNT)
    .map(({ firstName, lastName }) => {
      const username = `${firstName}.${lastName}`.toLowerCase();
      return { username, email: `${username}@example.org`, firstName, lastName };
    })
    .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}

const endUsers: readonly EndUser[] = buildEndUsers();

export function listEndUsers(): readonly EndUser[] {
  return endUsers;
}

export function listEndUsernames(): string[] {
  return endUsers.map((u) => u.username);
}
