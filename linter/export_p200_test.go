package linter

// SetPlanUnreadOf sets the attributes a plan's bodies leave out by
// resource type (nil: none but planUnread's); the returned func restores
// them.
func SetPlanUnreadOf(unreadOf func(string) func(string) bool) (restore func()) {
	old := planUnreadOf
	planUnreadOf = unreadOf
	return func() { planUnreadOf = old }
}

// PolicyOnly is the default of SetPlanUnreadOf.
func PolicyOnly(typ string) func(string) bool { return policyOnly(typ) }
