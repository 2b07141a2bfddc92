# Reference changes between two waves from R's survey package (changes.csv, docs/estimation.md):
# the same schools observed in two waves, so the two estimates are correlated and the SE of
# their difference must take the covariance into account.
#
# The California API stratified sample (apistrat) in the input contract, as
# scripts/r/plan_breakdowns.R writes it, as two waves of the same schools:
#   workers_1999.csv  monthly_wage = api99, enrollment = enroll;
#   workers_2000.csv  monthly_wage = api00, enrollment = enroll + 3·(snum mod 7).
# The plan declares enrollment (a number) with a total, and a rate: monthly_wage > 700.
# Then, with survey's own functions on the two files stacked (one design: strata stype, PSUs
# the schools, nested, with the fpc; a school of both waves is one cluster), for all workers,
# each sex and each industry (stype): svyby(~y, ~year(+by), design, svymean or svytotal,
# covmat = TRUE), then svycontrast for the difference (2000 − 1999) and the relative change
# (2000/1999 − 1, delta method), and for the mean wage ln(2000/1999) (wage_vs_economy.csv's
# log_mean_growth); SEs and normal 95 % intervals. se_independent is the SE the
# two waves would have if they were independent samples, sqrt(se_1999² + se_2000²), to show
# how much the covariance matters. n is the fewer rows of the domain in the two waves.
# Output: Tests/WorkforceKitTests/Fixtures/r-plan/apistrat-changes/{workers_1999.csv,workers_2000.csv,plan.toml,expected.csv}
# Run:    Rscript scripts/r/changes.R   (needs Debian's r-base-core and r-cran-survey)
suppressMessages(library(survey))
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))[1])), "common.R"))
options(survey.lonely.psu = "adjust", digits = 17)
args <- commandArgs(TRUE)
out <- if (length(args)) args[1] else "Tests/WorkforceKitTests/Fixtures/r-plan/apistrat-changes"
dir.create(out, recursive = TRUE, showWarnings = FALSE)

data(api)
a <- apistrat
waves <- list()
for (year in c(1999L, 2000L)) {
  d <- apistrat_workers(a)
  d$year <- year
  d$monthly_wage <- if (year == 1999L) a$api99 else a$api00
  d$enrollment <- if (year == 1999L) a$enroll else a$enroll + 3 * (a$snum %% 7)
  write.csv(d, file.path(out, paste0("workers_", year, ".csv")), row.names = FALSE, fileEncoding = "UTF-8", na = "")
  waves[[as.character(year)]] <- d
}
writeLines(c(
  "[columns.enrollment]",
  "type = \"number\"",
  "en = \"Enrolment\"",
  "zh = \"学生数\"",
  "min = 0",
  "max = 10000",
  "",
  "[rates.high_score]",
  "en = \"Share scoring above 700\"",
  "zh = \"成绩指数超过700的比例\"",
  "when = \"monthly_wage > 700\"",
  "",
  "[totals.enrolment_total]",
  "column = \"enrollment\"",
  "en = \"Total enrolment\"",
  "zh = \"学生总数\"",
  "unit = { en = \"pupils\", zh = \"人\" }"), file.path(out, "plan.toml"))

st <- do.call(rbind, waves)
st$high <- as.numeric(st$monthly_wage > 700)
st$all <- "all"
design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = st, nest = TRUE)

z <- qnorm(0.975)
rows <- list()
emit <- function(by, value, indicator, change, n, est, se, se_independent) {
  rows[[length(rows) + 1]] <<- data.frame(
    year = 2000L, base_year = 1999L, scope = "all", by = by, domain = value, indicator = indicator,
    change = change, n = n, estimate = est, se = se, ci_low = est - z * se, ci_high = est + z * se,
    se_independent = se_independent, stringsAsFactors = FALSE)
}
measures <- list(
  list(indicator = "mean_wage", formula = ~monthly_wage, fun = svymean),
  list(indicator = "high_score", formula = ~high, fun = svymean),
  list(indicator = "enrolment_total", formula = ~enrollment, fun = svytotal))
for (by in c("all", "sex", "industry")) {
  for (m in measures) {
    f <- as.formula(paste0("~year + ", by))
    est <- svyby(m$formula, f, design, m$fun, covmat = TRUE)
    for (value in sort(unique(as.character(st[[by]])))) {
      before <- paste0("1999.", value)
      after <- paste0("2000.", value)
      k <- match(c(before, after), rownames(est))
      member <- as.character(st[[by]]) == value
      n <- min(sum(member & st$year == 1999L), sum(member & st$year == 2000L))
      ses <- SE(est)[k]
      independent <- sqrt(sum(ses^2))
      weights <- setNames(rep(0, nrow(est)), rownames(est))
      weights[before] <- -1
      weights[after] <- 1
      d <- svycontrast(est, weights)
      emit(by, value, m$indicator, "difference", n, coef(d)[1], SE(d)[1], independent)
      e <- eval(bquote(svycontrast(est, quote(.(as.name(after)) / .(as.name(before)) - 1))))
      b <- coef(est)[k]
      emit(by, value, m$indicator, "relative", n, coef(e)[1], SE(e)[1], sqrt((ses[2] / b[1])^2 + (b[2] * ses[1] / b[1]^2)^2))
      if (m$indicator == "mean_wage") {
        # wage_vs_economy.csv's log_mean_growth: ln(2000/1999).
        g <- eval(bquote(svycontrast(est, quote(log(.(as.name(after)) / .(as.name(before)))))))
        emit(by, value, "log_mean_growth", "log", n, coef(g)[1], SE(g)[1], sqrt((ses[1] / b[1])^2 + (ses[2] / b[2])^2))
      }
    }
  }
}
expected <- do.call(rbind, rows)
write.csv(expected, file.path(out, "expected.csv"), row.names = FALSE, na = "")
cat(nrow(expected), "reference rows written to", out, "\n")
