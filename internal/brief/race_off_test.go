//go:build !race

package brief

// raceDetector: the tests run with the race detector (slower: the
// differential tests read fewer inputs).
const raceDetector = false
