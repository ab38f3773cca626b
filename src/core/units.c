/* units.c: human-readable figures; see units.h. */
#include "units.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int
name_index(const char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (names[i] && strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

double
piecewise_linear(const double *x, const double *y, int n, double at)
{
	if (at <= x[0] || n == 1)
		return y[0];
	int j = 1;
	while (j < n - 1 && at > x[j])
		j++;
	return y[j - 1] + (at - x[j - 1]) * (y[j] - y[j - 1]) / (x[j] - x[j - 1]);
}

char *
fmt_bytes(double bytes, char *buf, size_t n)
{
	if (!isfinite(bytes))
		snprintf(buf, n, "-");
	else if (fabs(bytes) >= 1e9)
		snprintf(buf, n, "%.1f GB", bytes / BYTES_PER_GB);
	else if (fabs(bytes) >= 1e6)
		snprintf(buf, n, "%.1f MB", bytes / 1e6);
	else if (fabs(bytes) >= 1e3)
		snprintf(buf, n, "%.1f kB", bytes / 1e3);
	else
		snprintf(buf, n, "%.0f B", bytes);
	return buf;
}

char *
fmt_gib(double bytes, char *buf, size_t n)
{
	snprintf(buf, n, "%.2f GiB", bytes / BYTES_PER_GIB);
	return buf;
}

char *
fmt_seconds(double s, char *buf, size_t n)
{
	if (!isfinite(s))
		snprintf(buf, n, "-");
	else if (fabs(s) >= 1.0)
		snprintf(buf, n, "%.2f s", s);
	else if (fabs(s) >= 1e-3)
		snprintf(buf, n, "%.1f ms", s * 1e3);
	else
		snprintf(buf, n, "%.1f us", s * 1e6);
	return buf;
}

char *
fmt_int(double x, char *buf, size_t n)
{
	char digits[64];
	int len, o = 0;

	if (!isfinite(x) || fabs(x) >= 1e18) {
		snprintf(buf, n, "%.3g", x);
		return buf;
	}
	len = snprintf(digits, sizeof digits, "%.0f", fabs(x));
	if (x < 0 && (size_t)o + 1 < n && llround(x) != 0)
		buf[o++] = '-';
	for (int i = 0; i < len && (size_t)o + 1 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0 && (size_t)o + 2 < n)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

char *
fmt_count(double x, char *buf, size_t n)
{
	if (fabs(x) >= 1e7)
		snprintf(buf, n, "%.2fe9", x / 1e9);
	else
		fmt_int(x, buf, n);
	return buf;
}

char *
fmt_rate_number(double x, char *buf, size_t n)
{
	char num[48];

	if (!isfinite(x))
		snprintf(buf, n, "-");
	else if (fabs(x) >= 1e7)
		fmt_int(x, buf, n);
	else if (fabs(x) >= 100) {
		/* one decimal, thousands separators: "8,049.8" */
		double t = round(fabs(x) * 10);
		fmt_int(floor(t / 10), num, sizeof num);
		snprintf(buf, n, "%s%s.%d", x < 0 && t > 0 ? "-" : "", num, (int)fmod(t, 10));
	} else
		snprintf(buf, n, "%.2f", x);
	return buf;
}

char *
fmt_rate(double x, const char *unit, char *buf, size_t n)
{
	char num[48];

	snprintf(buf, n, "%s %s", fmt_rate_number(x, num, sizeof num), unit);
	return buf;
}
