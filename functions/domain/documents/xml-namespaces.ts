/**
 * Namespaces for a tree parsed by fast-xml-parser, which keeps element names as written: feeds
 * bind the same vocabulary to any prefix (`<a:feed xmlns:a="http://www.w3.org/2005/Atom">`,
 * `<atom:entry>`, a default namespace), so elements are renamed by namespace URI to one spelling:
 * the feed's own vocabulary (Atom for an Atom feed, RSS for RSS and RDF) without a prefix, and
 * the modules feeds use with their usual prefix (`content:`, `dc:`, `media:`, `atom:` inside RSS).
 * `xml:base` is resolved on the way down and kept on every element it applies to as `#base`.
 */

export type XmlObject = Record<string, unknown>;

export const ATOM_NAMESPACES: ReadonlySet<string> = new Set([
  'http://www.w3.org/2005/Atom',
  'http://purl.org/atom/ns#', // Atom 0.3
]);

const RSS_NAMESPACES: ReadonlySet<string> = new Set([
  'http://purl.org/rss/1.0/',
  'http://my.netscape.com/rdf/simple/0.9/',
  'http://backend.userland.com/rss2',
  'http://blogs.law.harvard.edu/tech/rss',
]);

/** Module namespaces and the prefix they get whatever the document calls them. */
const MODULES: Readonly<Record<string, string>> = {
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://www.w3.org/XML/1998/namespace': 'xml',
};

export type Vocabulary = 'atom' | 'rss';

const ATTRIBUTE = '@_';

const split = (name: string): [prefix: string, local: string] => {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
};

type Scope = ReadonlyMap<string, string>;

/** The prefix a namespace gets in a document of this vocabulary ('' for none), if known. */
const prefixFor = (namespace: string, vocabulary: Vocabulary): string | undefined => {
  if (ATOM_NAMESPACES.has(namespace)) return vocabulary === 'atom' ? '' : 'atom';
  if (RSS_NAMESPACES.has(namespace)) return vocabulary === 'rss' ? '' : 'rss';
  return MODULES[namespace];
};

/**
 * An element's name by its namespace: known namespaces get their one spelling; an undeclared
 * prefix or an unknown namespace keeps the name as written, and an element in no namespace (or an
 * unknown default one) its local name.
 */
const resolvedName = (name: string, scope: Scope, vocabulary: Vocabulary, attribute: boolean): string => {
  const [prefix, local] = split(name);
  if (prefix === 'xml') return name;
  // Unprefixed attributes are in no namespace.
  if (attribute && prefix === '') return name;
  const namespace = scope.get(prefix);
  if (namespace === undefined) return name;
  const canonical = prefixFor(namespace, vocabulary);
  if (canonical === undefined) return prefix === '' ? local : name;
  return canonical === '' ? local : `${canonical}:${local}`;
};

/** The namespace bindings in force inside an element with these attributes. */
const scopeOf = (node: XmlObject, parent: Scope): Scope => {
  let scope: Map<string, string> | undefined;
  for (const key of Object.keys(node)) {
    if (key !== '@_xmlns' && !key.startsWith('@_xmlns:')) continue;
    const value = node[key];
    if (typeof value !== 'string') continue;
    scope ??= new Map(parent);
    scope.set(key === '@_xmlns' ? '' : key.slice('@_xmlns:'.length), value.trim());
  }
  return scope ?? parent;
};

const resolveUrl = (reference: string, base: string | undefined): string | undefined => {
  try {
    return new URL(reference, base).href;
  } catch {
    return base;
  }
};

const isObject = (value: unknown): value is XmlObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const resolveNode = (
  node: XmlObject,
  scope: Scope,
  base: string | undefined,
  vocabulary: Vocabulary,
): XmlObject => {
  const ownBase = node['@_xml:base'];
  const innerBase = typeof ownBase === 'string' ? resolveUrl(ownBase.trim(), base) : base;
  const result: XmlObject = {};
  // Children by resolved name; two names may resolve to one (`<a:title>`, `<title>`).
  const children = new Map<string, { values: unknown[]; list: boolean }>();
  for (const [key, value] of Object.entries(node)) {
    if (key === '#text') result[key] = value;
    else if (key.startsWith(ATTRIBUTE)) {
      const name = key.slice(ATTRIBUTE.length);
      const keep = name === 'xmlns' || name.startsWith('xmlns:');
      result[`${ATTRIBUTE}${keep ? name : resolvedName(name, scope, vocabulary, true)}`] = value;
    } else {
      // An element's own xmlns attributes already apply to its name.
      for (const child of Array.isArray(value) ? value : [value]) {
        const inner = isObject(child) ? scopeOf(child, scope) : scope;
        const name = resolvedName(key, inner, vocabulary, false);
        let entry = children.get(name);
        if (!entry) children.set(name, (entry = { values: [], list: false }));
        entry.values.push(isObject(child) ? resolveNode(child, inner, innerBase, vocabulary) : child);
        entry.list ||= Array.isArray(value);
      }
    }
  }
  for (const [name, { values, list }] of children)
    result[name] = list || values.length > 1 ? values : values[0];
  if (innerBase !== undefined) result['#base'] = innerBase;
  return result;
};

/** Whether a root element (name and attributes as parsed) is an Atom feed's. */
export const isAtomRoot = (name: string, root: unknown): boolean => {
  const [prefix, local] = split(name);
  if (local !== 'feed') return false;
  const namespace = isObject(root) ? root[prefix === '' ? '@_xmlns' : `@_xmlns:${prefix}`] : undefined;
  // A `<feed>` in no namespace is read as Atom too, as it always was.
  return typeof namespace === 'string' ? ATOM_NAMESPACES.has(namespace.trim()) : prefix === '';
};

/** The parsed document with every element named by its namespace (see the module comment). */
export const resolveNamespaces = (document: XmlObject, vocabulary: Vocabulary): XmlObject =>
  resolveNode(document, new Map(), undefined, vocabulary);

/**
 * The prefixes a document binds to each namespace, read from its text (for choosing stop nodes
 * before parsing), at most `most` a namespace.
 */
export const declaredPrefixes = (text: string, most: number): Map<string, Set<string>> => {
  const prefixes = new Map<string, Set<string>>();
  for (const match of text.matchAll(/\sxmlns:([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const prefix = match[1] ?? '';
    const namespace = (match[2] ?? match[3] ?? '').trim();
    const set = prefixes.get(namespace) ?? new Set<string>();
    if (set.size < most) set.add(prefix);
    prefixes.set(namespace, set);
  }
  return prefixes;
};

/** The prefixes a document binds to any of these namespaces. */
export const prefixesOf = (declared: Map<string, Set<string>>, namespaces: Iterable<string>): string[] => {
  const result = new Set<string>();
  for (const namespace of namespaces) for (const prefix of declared.get(namespace) ?? []) result.add(prefix);
  return [...result];
};

export const CONTENT_NAMESPACE = 'http://purl.org/rss/1.0/modules/content/';
export const DC_NAMESPACE = 'http://purl.org/dc/elements/1.1/';
export const MEDIA_NAMESPACES = ['http://search.yahoo.com/mrss/', 'http://search.yahoo.com/mrss'];
export { RSS_NAMESPACES };
