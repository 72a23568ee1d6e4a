package index

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/extract"
	"github.com/briefs/briefs/internal/library"
)

// Lazy is an extractor built when first needed: a collection read from
// the index never needs one, unless a file changed or a query names a
// country or a series (resolved by the extractor's tables). It is safe for
// concurrent use.
type Lazy struct {
	once sync.Once
	make func() (library.Extractor, error)
	x    library.Extractor
	err  error
	made atomic.Bool
}

// NewLazy returns a Lazy extractor made by mk (nil: extract.New).
func NewLazy(mk func() (library.Extractor, error)) *Lazy {
	if mk == nil {
		mk = func() (library.Extractor, error) {
			x, err := extract.New()
			if err != nil {
				return nil, fmt.Errorf("metadata extractor: %w", err)
			}
			return x, nil
		}
	}
	return &Lazy{make: mk}
}

// Get builds the extractor (once) and returns it.
func (l *Lazy) Get() (library.Extractor, error) {
	l.once.Do(func() {
		l.x, l.err = l.make()
		l.made.Store(true)
	})
	return l.x, l.err
}

// Built reports whether the extractor was built.
func (l *Lazy) Built() bool { return l.made.Load() }

// Apply extracts b's metadata (nothing when the extractor cannot be built:
// Get says why).
func (l *Lazy) Apply(b *brief.Brief) {
	if x, err := l.Get(); err == nil {
		x.Apply(b)
	}
}

// LookupCountry resolves a country's name.
func (l *Lazy) LookupCountry(s string) (code, name string, ok bool) {
	if x, err := l.Get(); err == nil {
		return x.LookupCountry(s)
	}
	return "", "", false
}

// LookupSeries resolves a series' name, alias or key.
func (l *Lazy) LookupSeries(s string) (brief.Series, bool) {
	x, err := l.Get()
	if err != nil {
		return brief.Series{}, false
	}
	if ls, ok := x.(interface {
		LookupSeries(string) (brief.Series, bool)
	}); ok {
		return ls.LookupSeries(s)
	}
	return brief.Series{}, false
}

// InferEditions fills editions from the whole collection (see
// extract.Extractor.InferEditions).
func (l *Lazy) InferEditions(bs []*brief.Brief) int {
	x, err := l.Get()
	if err != nil {
		return 0
	}
	if inf, ok := x.(interface{ InferEditions([]*brief.Brief) int }); ok {
		return inf.InferEditions(bs)
	}
	return 0
}

// ResolveSource names an agency as the extractor's table does.
func (l *Lazy) ResolveSource(s string) (string, bool) {
	x, err := l.Get()
	if err != nil {
		return "", false
	}
	if r, ok := x.(interface{ ResolveSource(string) (string, bool) }); ok {
		return r.ResolveSource(s)
	}
	return "", false
}

// ResolveSeries is the series a name stands for, as the extractor keys it.
func (l *Lazy) ResolveSeries(name string) brief.Series {
	x, err := l.Get()
	if err != nil {
		return brief.Series{}
	}
	if r, ok := x.(interface{ ResolveSeries(string) brief.Series }); ok {
		return r.ResolveSeries(name)
	}
	return brief.Series{}
}
