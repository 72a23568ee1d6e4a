package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// pane is a component that draws a rectangle of the screen: the root gives
// it its size and the theme, and View draws exactly its height in lines of
// its width. The list, the reader, the picker, the status bar and every
// overlay are panes.
type pane interface {
	setSize(w, h int)
	setTheme(th *theme)
	View() string
}

// scroller is a pane that moves through what it shows by lines, pages and
// ends; navigate applies the movement keys to any of them (the list, the
// reader, the picker, the help, quote mode).
type scroller interface {
	move(delta int)
	top()
	bottom()
	page() int // how far a page key moves
}

// navigate applies the movement keys of km to s. It reports whether msg
// was one of them.
func navigate(km *keyMap, msg tea.KeyPressMsg, s scroller) bool {
	switch {
	case key.Matches(msg, km.Up):
		s.move(-1)
	case key.Matches(msg, km.Down):
		s.move(1)
	case key.Matches(msg, km.PageUp):
		s.move(-s.page())
	case key.Matches(msg, km.PageDown):
		s.move(s.page())
	case key.Matches(msg, km.Top):
		s.top()
	case key.Matches(msg, km.Bottom):
		s.bottom()
	default:
		return false
	}
	return true
}

// wheel turns a wheel event into lines to move (0: not a wheel turn).
func wheel(mo tea.Mouse) int {
	switch mo.Button {
	case tea.MouseWheelUp:
		return -wheelStep
	case tea.MouseWheelDown:
		return wheelStep
	}
	return 0
}
