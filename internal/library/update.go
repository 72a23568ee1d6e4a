package library

// Update is one step of a collection loading, or changing, in the
// background (package index): the collection as known so far, and how far
// loading got.
type Update struct {
	// Lib is the collection as known now; nil when it did not change.
	Lib *Library
	// Found is the number of brief files known (found by walking the
	// folders, or before that the index's count); Loaded how many of
	// them have their metadata (from the index, or read).
	Found, Loaded int
	// Checking: the collection is complete as the index knows it, and the
	// folders are being walked for files added, changed or removed since.
	Checking bool
	// Done: the collection is complete; later Updates are changes (files
	// added, edited or deleted, metadata derived again).
	Done bool
	// Warnings are the files that could not be loaded, all of them as of
	// this Update; nil when unchanged.
	Warnings []Warning
	// Notice is something to tell the user once (the index was rebuilt).
	Notice string
	// Err: loading failed.
	Err error
}
