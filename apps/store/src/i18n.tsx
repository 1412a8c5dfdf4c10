/**
 * French and English labels. The language comes from the browser (`navigator.languages`), a switch
 * on the page changes it, and the choice is remembered. Every visible text is a key here.
 */
import { createContext, useContext } from 'react';

export type Language = 'en' | 'fr';

const en = {
  appTitle: 'Store',
  skipToContent: 'Skip to content',
  signInTitle: 'Sign in',
  signInIntro: 'Or paste a token your identity provider gave you.',
  tokenLabel: 'Token',
  signIn: 'Sign in',
  signInWithProvider: 'Sign in with your company account',
  signOut: 'Sign out',
  developmentSignIn: 'Development sign-in',
  developmentIntro: 'This gateway uses the public development secret: it can mint a token for you.',
  roleLabel: 'Role',
  roleStore: 'Store staff',
  roleCallcenter: 'Call center',
  storeLabel: 'Store',
  getToken: 'Get a token and sign in',
  tokenMalformed: 'This is not a token (expected three dot-separated parts).',
  tokenExpired: 'This token has expired.',
  tokenNoRole: 'This token is neither store staff (with a store) nor call center.',
  sessionExpired: 'Your session ended: sign in again.',
  signInFailed: 'Sign-in failed',
  statusConnecting: 'Connecting…',
  statusLive: 'Live',
  statusReconnecting: 'Reconnecting…',
  statusDegraded: 'Live · {services} unavailable: changes follow',
  'service.inventory': 'stock',
  'service.catalog': 'products',
  'service.customer': 'customers',
  'service.promotions': 'prices',
  'service.reviews': 'reviews',
  language: 'Language',
  tabStock: 'Stock',
  tabPickups: 'Pick-ups',
  tabCustomer: 'Customer',
  callcenterMode: 'Call center',
  storeStaffAt: 'Store staff',
  chooseStore: 'Store shown',
  searchStock: 'Search by product, sku or barcode',
  colProduct: 'Product',
  colSku: 'SKU',
  colBarcode: 'Barcode',
  colOnHand: 'On hand',
  colReserved: 'Reserved',
  colAvailable: 'Available',
  colPrice: 'Store price',
  colStatus: 'Status',
  rowsShown: '{shown} of {total} items',
  latestFirst: 'Latest changes first',
  loading: 'Loading…',
  loadFailed: 'Could not load: {message}',
  unknownStore: 'there is no store {id}',
  retry: 'Retry',
  IN_STOCK: 'In stock',
  LOW_STOCK: 'Low',
  OUT_OF_STOCK: 'Out',
  nearby: 'Nearby stores',
  allStores: 'All stores',
  nearbyFor: 'Availability of {name}',
  close: 'Close',
  distance: '{km} km',
  days: '{days} d',
  noneNearby: 'No store nearby has it.',
  pickupsTitle: 'Pick-ups to prepare',
  waiting: '{count} waiting',
  noPickups: 'No pick-up to prepare.',
  timeLeft: 'Time left',
  expired: 'expired',
  quantity: 'Qty',
  customerCol: 'Customer',
  reservationCol: 'Reservation',
  markCollected: 'Collected',
  collecting: 'Saving…',
  customerSearch: 'Name, email or loyalty number',
  search: 'Search',
  noCustomerFound: 'No customer found.',
  noConsent: 'This customer has not consented to personalised service in store: their details cannot be shown.',
  profile: 'Profile',
  loyalty: 'Loyalty',
  points: '{points} points',
  orders: 'Orders from every channel',
  noOrders: 'No order.',
  wishlist: 'Wishlist',
  emptyWishlist: 'Nothing in the wishlist.',
  availableHere: '{count} here',
  tickets: 'Open tickets',
  noTickets: 'No open ticket.',
  offers: 'Personal offers',
  noOffers: 'No personal offer.',
  until: 'until {date}',
  email: 'Email',
  phone: 'Phone',
  consents: 'Consents',
  WEB: 'Web',
  APP: 'App',
  STORE: 'Store',
  CALL_CENTER: 'Call center',
  MARKETPLACE: 'Marketplace',
  BASIC: 'Basic',
  SILVER: 'Silver',
  GOLD: 'Gold',
  PLATINUM: 'Platinum',
  PLACED: 'Placed',
  READY_FOR_PICKUP: 'Ready for pick-up',
  SHIPPED: 'Shipped',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
  RETURNED: 'Returned',
  OPEN: 'Open',
  PENDING: 'Pending',
  RESOLVED: 'Resolved',
} as const;

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  appTitle: 'Magasin',
  skipToContent: 'Aller au contenu',
  signInTitle: 'Connexion',
  signInIntro: 'Ou collez un jeton fourni par votre fournisseur d’identité.',
  tokenLabel: 'Jeton',
  signIn: 'Se connecter',
  signInWithProvider: 'Se connecter avec son compte d’entreprise',
  signOut: 'Se déconnecter',
  developmentSignIn: 'Connexion de développement',
  developmentIntro: 'Cette passerelle utilise le secret public de développement : elle peut vous créer un jeton.',
  roleLabel: 'Rôle',
  roleStore: 'Vendeur en magasin',
  roleCallcenter: 'Service client',
  storeLabel: 'Magasin',
  getToken: 'Obtenir un jeton et se connecter',
  tokenMalformed: 'Ce n’est pas un jeton (trois parties séparées par des points attendues).',
  tokenExpired: 'Ce jeton a expiré.',
  tokenNoRole: 'Ce jeton n’est ni vendeur (avec un magasin) ni service client.',
  sessionExpired: 'Votre session est terminée : reconnectez-vous.',
  signInFailed: 'Échec de la connexion',
  statusConnecting: 'Connexion…',
  statusLive: 'En direct',
  statusReconnecting: 'Reconnexion…',
  statusDegraded: 'En direct · {services} indisponible : les changements suivront',
  'service.inventory': 'stock',
  'service.catalog': 'produits',
  'service.customer': 'clients',
  'service.promotions': 'prix',
  'service.reviews': 'avis',
  language: 'Langue',
  tabStock: 'Stock',
  tabPickups: 'Retraits',
  tabCustomer: 'Client',
  callcenterMode: 'Service client',
  storeStaffAt: 'Vendeur',
  chooseStore: 'Magasin affiché',
  searchStock: 'Rechercher par produit, SKU ou code-barres',
  colProduct: 'Produit',
  colSku: 'SKU',
  colBarcode: 'Code-barres',
  colOnHand: 'En rayon',
  colReserved: 'Réservé',
  colAvailable: 'Disponible',
  colPrice: 'Prix magasin',
  colStatus: 'État',
  rowsShown: '{shown} sur {total} articles',
  latestFirst: 'Derniers changements en tête',
  loading: 'Chargement…',
  loadFailed: 'Chargement impossible : {message}',
  unknownStore: 'le magasin {id} n’existe pas',
  retry: 'Réessayer',
  IN_STOCK: 'En stock',
  LOW_STOCK: 'Faible',
  OUT_OF_STOCK: 'Épuisé',
  nearby: 'Magasins proches',
  allStores: 'Tous les magasins',
  nearbyFor: 'Disponibilité de {name}',
  close: 'Fermer',
  distance: '{km} km',
  days: '{days} j',
  noneNearby: 'Aucun magasin proche ne l’a.',
  pickupsTitle: 'Retraits à préparer',
  waiting: '{count} en attente',
  noPickups: 'Aucun retrait à préparer.',
  timeLeft: 'Temps restant',
  expired: 'expiré',
  quantity: 'Qté',
  customerCol: 'Client',
  reservationCol: 'Réservation',
  markCollected: 'Retiré',
  collecting: 'Enregistrement…',
  customerSearch: 'Nom, e-mail ou numéro de fidélité',
  search: 'Rechercher',
  noCustomerFound: 'Aucun client trouvé.',
  noConsent: 'Ce client n’a pas consenti au service personnalisé en magasin : ses informations ne peuvent pas être affichées.',
  profile: 'Profil',
  loyalty: 'Fidélité',
  points: '{points} points',
  orders: 'Commandes, tous canaux',
  noOrders: 'Aucune commande.',
  wishlist: 'Liste d’envies',
  emptyWishlist: 'Liste d’envies vide.',
  availableHere: '{count} ici',
  tickets: 'Demandes ouvertes',
  noTickets: 'Aucune demande ouverte.',
  offers: 'Offres personnelles',
  noOffers: 'Aucune offre personnelle.',
  until: 'jusqu’au {date}',
  email: 'E-mail',
  phone: 'Téléphone',
  consents: 'Consentements',
  WEB: 'Web',
  APP: 'Appli',
  STORE: 'Magasin',
  CALL_CENTER: 'Service client',
  MARKETPLACE: 'Place de marché',
  BASIC: 'Essentiel',
  SILVER: 'Argent',
  GOLD: 'Or',
  PLATINUM: 'Platine',
  PLACED: 'Passée',
  READY_FOR_PICKUP: 'Prête à retirer',
  SHIPPED: 'Expédiée',
  COMPLETED: 'Terminée',
  CANCELLED: 'Annulée',
  RETURNED: 'Retournée',
  OPEN: 'Ouverte',
  PENDING: 'En attente',
  RESOLVED: 'Résolue',
};

const MESSAGES: Record<Language, Record<MessageKey, string>> = { en, fr };

export function browserLanguage(): Language {
  const saved = localStorage.getItem('omnichannel.store.lang');
  if (saved === 'en' || saved === 'fr') return saved;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem('omnichannel.store.lang', language);
}

export interface Translator {
  language: Language;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** A label of the API's enums (channels, tiers, statuses) when there is one, else the value. */
  label(value: string): string;
  money(money: { amount: number; currency: string } | null | undefined): string;
  number(value: number): string;
  date(iso: string): string;
}

export function translator(language: Language): Translator {
  const messages = MESSAGES[language];
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const currencies = new Map<string, Intl.NumberFormat>();
  return {
    language,
    t(key, values) {
      let text = messages[key];
      if (values) for (const [name, value] of Object.entries(values)) text = text.replace(`{${name}}`, typeof value === 'number' ? numbers.format(value) : value);
      return text;
    },
    label(value) {
      return Object.hasOwn(messages, value) ? messages[value as MessageKey] : value;
    },
    money(money) {
      if (!money) return '—';
      let format = currencies.get(money.currency);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
        currencies.set(money.currency, format);
      }
      // Amounts are integers of minor units (subgraphs/promotions/MONEY.md).
      const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
      return format.format(money.amount / 10 ** digits);
    },
    number(value) {
      return numbers.format(value);
    },
    date(iso) {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dates.format(date);
    },
  };
}

export const I18n = createContext<Translator>(translator('en'));
export const useI18n = (): Translator => useContext(I18n);
