/* audit-expr.c: the plan's own arithmetic (audit_expr_eval); see audit.h
 * and docs/audit.md. */
#include "audit-internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the plan's own arithmetic ----------------------------------------- */

typedef struct Expr {
	const char *p;
	const AuditClaim *claims;
	int n;
	char *err;
	size_t err_n;
	bool failed;
} Expr;

static double expr_sum(Expr *x);

static void
expr_fail(Expr *x, const char *what, const char *at)
{
	if (!x->failed && x->err && x->err_n)
		snprintf(x->err, x->err_n, "%s at '%.20s'", what, *at ? at : "(end)");
	x->failed = true;
}

static void
skip_space(Expr *x)
{
	while (*x->p == ' ' || *x->p == '\t')
		x->p++;
}

static double
claim_mid(const AuditClaim *c)
{
	return (c->lo + c->hi) / 2;
}

static double
expr_atom(Expr *x)
{
	skip_space(x);
	if (*x->p == '(') {
		x->p++;
		double v = expr_sum(x);
		skip_space(x);
		if (*x->p != ')') {
			expr_fail(x, "expected ')'", x->p);
			return 0;
		}
		x->p++;
		return v;
	}
	if (*x->p == '-') {
		x->p++;
		return -expr_atom(x);
	}
	if (isdigit((unsigned char)*x->p) || *x->p == '.') {
		char *end;
		double v = strtod(x->p, &end);
		if (end == x->p) {
			expr_fail(x, "bad number", x->p);
			return 0;
		}
		x->p = end;
		return v;
	}
	if (isalpha((unsigned char)*x->p) || *x->p == '_') {
		const char *start = x->p;
		while (isalnum((unsigned char)*x->p) || *x->p == '_')
			x->p++;
		size_t len = (size_t)(x->p - start);
		for (int i = 0; i < x->n; i++)
			if (strlen(x->claims[i].id) == len && strncmp(x->claims[i].id, start, len) == 0)
				return claim_mid(&x->claims[i]);
		expr_fail(x, "no claim has this id", start);
		return 0;
	}
	expr_fail(x, "expected a number, a claim id or '('", x->p);
	return 0;
}

static double
expr_product(Expr *x)
{
	double v = expr_atom(x);
	for (;;) {
		skip_space(x);
		if (*x->p == '*') {
			x->p++;
			v *= expr_atom(x);
		} else if (*x->p == '/') {
			x->p++;
			double d = expr_atom(x);
			if (d == 0)
				expr_fail(x, "division by zero", x->p);
			v = d != 0 ? v / d : 0;
		} else {
			return v;
		}
	}
}

static double
expr_sum(Expr *x)
{
	double v = expr_product(x);
	for (;;) {
		skip_space(x);
		if (*x->p == '+') {
			x->p++;
			v += expr_product(x);
		} else if (*x->p == '-') {
			x->p++;
			v -= expr_product(x);
		} else {
			return v;
		}
	}
}

int
audit_expr_eval(const char *expr, const AuditClaim *claims, int n, double *value, char *err,
    size_t err_n)
{
	Expr x = { expr, claims, n, err, err_n, false };
	double v = expr_sum(&x);
	skip_space(&x);
	if (!x.failed && *x.p)
		expr_fail(&x, "unexpected text", x.p);
	if (x.failed)
		return -1;
	if (!isfinite(v)) {     /* 1e308*1e308, 0/0: no figure to compare */
		snprintf(err, err_n, "the result is %s, not a finite number", isnan(v) ? "NaN" :
		    "infinite");
		return -1;
	}
	*value = v;
	return 0;
}
