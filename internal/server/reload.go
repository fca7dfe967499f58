package server

import (
	_ "embed"
	"strings"
)

//go:embed reload.js
var reloadSource string

// reloadJS is the client as an expression, to be called with the state.
var reloadJS = strings.TrimSpace(reloadSource[strings.Index(reloadSource, "(function"):])
