package io.resgate.spring.messaging;

/**
 * NATS subject matching: {@code *} matches one token, a final {@code >} matches one or more tokens.
 */
final class SubjectMatcher {

	private SubjectMatcher() {
	}

	static boolean matches(String pattern, String subject) {
		int p = 0;
		int s = 0;
		int pl = pattern.length();
		int sl = subject.length();
		while (p < pl && s < sl) {
			int pe = pattern.indexOf('.', p);
			if (pe < 0) {
				pe = pl;
			}
			int se = subject.indexOf('.', s);
			if (se < 0) {
				se = sl;
			}
			int ptl = pe - p;
			if (ptl == 1 && pattern.charAt(p) == '>' && pe == pl) {
				return true;
			}
			if (!(ptl == 1 && pattern.charAt(p) == '*')) {
				if (ptl != se - s || !pattern.regionMatches(p, subject, s, ptl)) {
					return false;
				}
			}
			p = pe + 1;
			s = se + 1;
			if (pe == pl || se == sl) {
				return pe == pl && se == sl;
			}
		}
		return false;
	}

	static boolean isValidSubject(String subject) {
		if (subject == null || subject.isEmpty()) {
			return false;
		}
		boolean start = true;
		for (int i = 0; i < subject.length(); i++) {
			char c = subject.charAt(i);
			if (c <= ' ' || c == 127) {
				return false;
			}
			if (c == '.') {
				if (start) {
					return false;
				}
				start = true;
			}
			else {
				start = false;
			}
		}
		return !start;
	}
}
