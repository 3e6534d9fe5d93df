package linter

// SetPlanUnread sets the attributes a plan's bodies leave out (nil: none);
// the returned func restores them.
func SetPlanUnread(unread func(string) bool) (restore func()) {
	old := planUnread
	planUnread = unread
	return func() { planUnread = old }
}
