package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// pickerFilter is the overlay that takes the keys while the picker's
// values are filtered: what is typed narrows them, the arrows move, enter
// applies the value and closes the picker, esc clears the filter. The
// picker draws the box.
type pickerFilter struct {
	drawnInPlace
	km *keyMap
}

// openPickerFilter opens the filter box of the picker.
func (m *Model) openPickerFilter() tea.Cmd {
	p := &m.picker
	p.box.SetValue(p.filter)
	p.box.CursorEnd()
	cmd := p.box.Focus()
	m.push(&pickerFilter{km: m.km})
	return cmd
}

func (f *pickerFilter) update(m *Model, msg tea.Msg) (tea.Cmd, bool) {
	p := &m.picker
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, f.km.ApplyValue):
			f.close(m)
			return p.apply(m), true
		case key.Matches(msg, f.km.ClearFilter):
			f.close(m)
			p.setFilter("")
			return nil, true
		case key.Matches(msg, f.km.Arrows):
			navigate(f.km, msg, p)
			return nil, true
		}
		return f.edit(m, msg), true
	case tea.PasteMsg:
		return f.edit(m, msg), true
	case tea.MouseClickMsg:
		return nil, true
	case tea.MouseWheelMsg:
		return nil, false // the panes scroll
	}
	var cmd tea.Cmd
	p.box, cmd = p.box.Update(msg) // cursor blinks
	return cmd, false
}

// edit passes a key or a paste to the box and filters by its text.
func (f *pickerFilter) edit(m *Model, msg tea.Msg) tea.Cmd {
	p := &m.picker
	var cmd tea.Cmd
	p.box, cmd = p.box.Update(msg)
	p.setFilter(p.box.Value())
	return cmd
}

// close stops typing; the filter stays until esc or enter.
func (f *pickerFilter) close(m *Model) {
	m.pop(f)
	m.picker.box.Blur()
}

func (f *pickerFilter) bindings() []key.Binding {
	return []key.Binding{f.km.Arrows, f.km.ApplyValue, f.km.ClearFilter}
}
