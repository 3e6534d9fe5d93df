package linter

// SetPlanUnread sets the attributes a plan's bodies leave out (nil: none);
// the returned func restores them.
func SetPlanUnread(unread func(string) bool) (restore func()) {
	old := planUnread
	planUnread = unread
	return func() { planUnread = old }
}

// PlanUnreadDefault is what a plan's bodies leave out by default.
var PlanUnreadDefault = planUnread

// SetPlanDeriveUnknown sets whether plans are loaded with
// plan.Options.DeriveUnknown; the returned func restores it.
func SetPlanDeriveUnknown(on bool) (restore func()) {
	old := planDeriveUnknown
	planDeriveUnknown = on
	return func() { planDeriveUnknown = old }
}

// SetLocateBatch sets the most findings located at a time (but for one
// rule's); the returned func restores it.
func SetLocateBatch(n int) (restore func()) {
	old := locateBatch
	locateBatch = n
	return func() { locateBatch = old }
}
