package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// overlay is anything modal: a question, an editor, a prompt, the help, the
// search box, the find box, quote mode, the metadata form. The root keeps a
// stack of them; who has the keyboard is the top of the stack and nothing
// else, and a new modal thing is one type implementing this interface.
//
// Routing: keys and pastes go to the top overlay only (ctrl+c excepted: it
// always quits, asking first about an unsaved note). Mouse events go to the
// top overlay, then, unused, to the panes. Every other message (an
// overlay's own results, cursor blinks) is offered to the overlays from the
// top down until one uses it, then to the root.
//
// Overlays are pointers: the stack is copied with the root model, the
// overlays are shared, so an overlay never keeps a pointer into the model;
// it gets the root (m) as the argument of update.
type overlay interface {
	pane
	// update handles a message and reports whether it used it. It may
	// push overlays or close itself (m.pop).
	update(m *Model, msg tea.Msg) (tea.Cmd, bool)
	// bindings are the keys the help line shows while it is on top.
	bindings() []key.Binding
	// place is where it is drawn; lines is the height a panel takes.
	place() placement
	lines() int
}

// placement says where an overlay is drawn.
type placement int

const (
	// inPlace: drawn by the component whose keys it takes (the search box
	// by the filter bar, the find box by the reader); it draws nothing.
	inPlace placement = iota
	atPanel           // a panel at the bottom of the body, height() lines
	atPane            // in place of the right pane (wide) or of the body (narrow)
	atBody            // in place of the whole body
)

// drawnInPlace is embedded by overlays that draw nothing of their own.
type drawnInPlace struct{}

func (drawnInPlace) setSize(int, int) {}
func (drawnInPlace) setTheme(*theme)  {}
func (drawnInPlace) View() string     { return "" }
func (drawnInPlace) place() placement { return inPlace }
func (drawnInPlace) lines() int       { return 0 }

// push opens o on top of the stack, sized and themed for its place.
func (m *Model) push(o overlay) {
	m.clearMsg() // a message about what came before is not about this
	o.setTheme(m.th)
	m.stack = append(slices.Clip(m.stack), o) // copies: earlier models keep theirs
	m.layout()
}

// pop closes o and every overlay above it.
func (m *Model) pop(o overlay) {
	if i := slices.Index(m.stack, o); i >= 0 {
		m.stack = slices.Clip(m.stack[:i])
	}
}

// top is the overlay that has the keyboard, or nil.
func (m *Model) top() overlay {
	if len(m.stack) == 0 {
		return nil
	}
	return m.stack[len(m.stack)-1]
}

// placed is the topmost overlay drawn at p, or nil.
func (m *Model) placed(p placement) overlay {
	for i := len(m.stack) - 1; i >= 0; i-- {
		if m.stack[i].place() == p {
			return m.stack[i]
		}
	}
	return nil
}

// find returns the topmost overlay of type T on the stack.
func find[T overlay](m *Model) (T, bool) {
	for i := len(m.stack) - 1; i >= 0; i-- {
		if o, ok := m.stack[i].(T); ok {
			return o, true
		}
	}
	var zero T
	return zero, false
}

// offer gives a message to the overlays from the top down until one uses
// it; it reports whether one did.
func (m *Model) offer(msg tea.Msg) (tea.Cmd, bool) {
	for i := len(m.stack) - 1; i >= 0; i-- {
		if i >= len(m.stack) {
			continue // an overlay above closed others
		}
		if cmd, used := m.stack[i].update(m, msg); used {
			return cmd, true
		}
	}
	return nil, false
}

// briefBound is an overlay that belongs to the brief the reader shows (the
// find box, quote mode): it closes when the reader shows another.
type briefBound interface {
	overlay
	briefChanged(m *Model)
}

// briefChanged closes the overlays bound to the brief shown.
func (m *Model) briefChanged() {
	for i := len(m.stack) - 1; i >= 0; i-- {
		if i < len(m.stack) {
			if o, ok := m.stack[i].(briefBound); ok {
				o.briefChanged(m)
			}
		}
	}
}
