package tfaddr

import "testing"

func TestKeyEnd(t *testing.T) {
	for _, tc := range []struct {
		s    string
		j    int
		want int
	}{
		{`a[0].b`, 1, 4},
		{`module.a["k.x"].b`, 8, 15},
		{`m["x]\"y"].b`, 1, 10},
		{`m["a\\"].b`, 1, 8},
		{`m["open`, 1, -1},
		{`m[0`, 1, -1},
	} {
		if got := KeyEnd(tc.s, tc.j); got != tc.want {
			t.Errorf("KeyEnd(%q, %d) = %d, want %d", tc.s, tc.j, got, tc.want)
		}
	}
}
