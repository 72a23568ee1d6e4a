//go:build race

package render

// raceEnabled: the race detector slows rendering down many times and
// makes pools drop what they hold (more allocation); bounds in tests
// allow for it.
const raceEnabled = true
