# Reference estimates for --lonely-psu average: R's svyby with survey.lonely.psu = "average".
#
# The California API two-stage cluster sample (apiclus2) stratified by county: 26 strata, 17 of
# them with a single PSU (school district). With options(survey.lonely.psu = "average"), survey
# leaves those strata out and scales the variance by nstrat / nokstrat, counting the strata of
# the rows it is given (onestage): for a domain, svyby(~y, ~by, design, FUN) subsets the design,
# so the strata the domain touches. This script computes, on the very file it writes, per scope
# and breakdown: headcount (svyby, svytotal), mean wage and low-pay rate (svyby, svymean,
# deff = TRUE), the share of the scope (svymean of the domain indicator on the scope) and
# quantiles with Woodruff intervals (svyquantile on the domain, as svyby would call it).
# Output: Tests/WorkforceKitTests/Fixtures/r-lonely/apiclus2_by_county/workers.csv and expected.csv.
# Run:    make refs   (needs Debian's r-base-core and r-cran-survey)
suppressMessages(library(survey))
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))[1])), "common.R"))
options(survey.lonely.psu = "average", digits = 17)
args <- commandArgs(TRUE)
out <- if (length(args)) args[1] else "Tests/WorkforceKitTests/Fixtures/r-lonely/apiclus2_by_county"
dir.create(out, recursive = TRUE, showWarnings = FALSE)

data(api)
write.csv(api_contract(apiclus2, stratum = apiclus2$cname, psu = apiclus2$dnum), file.path(out, "workers.csv"),
          row.names = FALSE, fileEncoding = "UTF-8", na = "")
d <- read.csv(file.path(out, "workers.csv"), fileEncoding = "UTF-8", stringsAsFactors = FALSE,
              colClasses = c(stratum = "character", psu = "character"))
d$all <- "all"
d$age_band <- age_band(d$age)
d$one <- 1
design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)
threshold <- coef(svyquantile(~monthly_wage, design, 0.5, ci = FALSE))[1] * 2 / 3
design <- update(design, low = as.numeric(monthly_wage < threshold))
psus <- tapply(d$psu, d$stratum, function(p) length(unique(p)))
stopifnot(length(psus) == 26, sum(psus == 1) == 17)

rows <- list()
emit <- function(...) rows[[length(rows) + 1]] <<- data.frame(..., stringsAsFactors = FALSE)
# Estimate, SE and interval of `value` in a svyby result (its SE and deff come unnamed, in the order of coef).
row_of <- function(fit, value) {
  k <- match(value, names(coef(fit)))
  ci <- confint(fit)
  list(k = k, estimate = unname(coef(fit)[k]), se = unname(SE(fit)[k]), ci_low = ci[k, 1], ci_high = ci[k, 2])
}

for (scope in c("all", "industrial")) {
  in_scope <- if (scope == "all") rep(TRUE, nrow(d)) else d$industry %in% industrial
  scoped <- subset(design, in_scope)
  for (by in by_vars) {
    by_formula <- as.formula(paste0("~", by))
    totals <- svyby(~one, by_formula, scoped, svytotal)
    means <- svyby(~monthly_wage, by_formula, scoped, svymean, deff = TRUE)
    low <- svyby(~low, by_formula, scoped, svymean, deff = TRUE)
    for (value in sort(unique(as.character(d[[by]][in_scope])))) {
      member <- in_scope & as.character(d[[by]]) == value
      n <- sum(member)
      r <- row_of(totals, value)
      emit(scope = scope, by = by, domain = value, indicator = "headcount", n = n,
           estimate = r$estimate, se = r$se, ci_low = r$ci_low, ci_high = r$ci_high, deff = NA)
      share <- svymean(~indicator, update(scoped, indicator = as.numeric(as.character(scoped$variables[[by]]) == value)),
                       deff = TRUE)
      r <- row_of(share, "indicator")
      emit(scope = scope, by = by, domain = value, indicator = "share", n = n,
           estimate = r$estimate, se = r$se, ci_low = r$ci_low, ci_high = r$ci_high, deff = deff(share)[1])
      r <- row_of(means, value)
      emit(scope = scope, by = by, domain = value, indicator = "mean_wage", n = n,
           estimate = r$estimate, se = r$se, ci_low = r$ci_low, ci_high = r$ci_high,
           deff = if (n > 1) unname(deff(means)[r$k]) else NA)
      r <- row_of(low, value)
      emit(scope = scope, by = by, domain = value, indicator = "low_pay_rate", n = n,
           estimate = r$estimate, se = r$se, ci_low = r$ci_low, ci_high = r$ci_high,
           deff = if (n > 1) unname(deff(low)[r$k]) else NA)
      if (n >= 30) {
        q <- svyquantile(~monthly_wage, subset(design, member), probs, ci = TRUE, qrule = qrule_math_fixed)[[1]]
        for (k in seq_along(probs)) {
          emit(scope = scope, by = by, domain = value, indicator = sprintf("p%d", round(100 * probs[k])), n = n,
               estimate = q[k, 1], se = q[k, 4], ci_low = q[k, 2], ci_high = q[k, 3], deff = NA)
        }
      }
    }
  }
}
expected <- do.call(rbind, rows)
write.csv(expected, file.path(out, "expected.csv"), row.names = FALSE, fileEncoding = "UTF-8", na = "")
cat("wrote", nrow(expected), "reference estimates (lonely PSUs averaged) to", out, "\n")
cat(R.version.string, "; survey", as.character(packageVersion("survey")), "\n")
