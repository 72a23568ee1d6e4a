package brief

// ParserVersion names what Parse makes of a file. Bump it with any change
// to parsing that changes a Brief (a field added, a title or body cleaned
// differently): caches of parsed briefs (package index) derive them again.
const ParserVersion = 2
