# Reference estimates from R's survey package, for the tests of the estimation engine.
#
# For each public dataset shipped with the survey package (California API
# samples apistrat, apiclus1, apiclus2; NHANES 2009-10 from nhanes) this script
#   1. converts it to the workforce input contract (workers.csv), and
#   2. computes, with survey's own functions on that very file, the estimates the
#      pipeline reports: headcount (svytotal), share (svymean of a domain
#      indicator), mean_wage (svymean, deff = TRUE), p10..p90 (svyquantile,
#      Woodruff intervals, qrule "math"), low_pay_rate (svymean of wage < 2/3 median),
#      each for the whole sample and per domain (domains as subsets of the full design,
#      as svyby does).
# Output: Tests/WorkforceKitTests/Fixtures/r-reference/<dataset>/workers.csv and expected.csv.
# Run:    make refs   (needs Debian's r-base-core and r-cran-survey)
suppressMessages(library(survey))
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))[1])), "common.R"))
options(survey.lonely.psu = "adjust", digits = 17)
args <- commandArgs(TRUE)
out <- if (length(args)) args[1] else "Tests/WorkforceKitTests/Fixtures/r-reference"

data(api)
data(nhanes)
datasets <- list(
  apistrat = api_contract(apistrat, stratum = apistrat$stype, psu = apistrat$snum, fpc = apistrat$fpc),
  apiclus1 = api_contract(apiclus1, stratum = "all", psu = apiclus1$dnum, fpc = apiclus1$fpc),
  apiclus2 = api_contract(apiclus2, stratum = "all", psu = apiclus2$dnum),
  apiclus1_by_county = api_contract(apiclus1, stratum = apiclus1$cname, psu = apiclus1$dnum),
  nhanes = contract(
    id = seq_len(nrow(nhanes)), enterprise = paste(nhanes$SDMVSTRA, nhanes$SDMVPSU, sep = "-"),
    stratum = nhanes$SDMVSTRA, psu = nhanes$SDMVPSU,
    # wage = 1000 + 1000 * high cholesterol: its mean is an affine map of a real proportion.
    wage = 1000 + 1000 * ifelse(is.na(nhanes$HI_CHOL), 0, nhanes$HI_CHOL), weight = nhanes$WTMEC2YR,
    industry = c("C", "G", "I", "K")[nhanes$race], sex = ifelse(nhanes$RIAGENDR == 1, "M", "F"),
    emp = ifelse(is.na(nhanes$HI_CHOL), "flexible", ifelse(nhanes$HI_CHOL == 1, "dispatch", "regular")),
    age = c(18, 30, 50, 65)[as.integer(nhanes$agecat)], edu = 1 + seq_len(nrow(nhanes)) %% 5,
    hukou = "local", skill = 0))

# qrule_math_fixed (common.R): R's qrule_math with one fix. Counted in the output: rows where it matters.
quirk_rows <- 0

rows <- list()
emit <- function(...) rows[[length(rows) + 1]] <<- data.frame(..., stringsAsFactors = FALSE)

for (name in names(datasets)) {
  d <- datasets[[name]]
  folder <- file.path(out, name)
  dir.create(folder, recursive = TRUE, showWarnings = FALSE)
  write.csv(d, file.path(folder, "workers.csv"), row.names = FALSE, fileEncoding = "UTF-8", na = "")
  d <- read.csv(file.path(folder, "workers.csv"), fileEncoding = "UTF-8", stringsAsFactors = FALSE,
                colClasses = c(stratum = "character", psu = "character"))
  d$all <- "all"
  d$age_band <- age_band(d$age)
  d$in_industrial <- d$industry %in% industrial
  d$one <- 1
  design <- if ("fpc" %in% names(d)) {
    svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = d, nest = TRUE)
  } else {
    svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)
  }
  median_all <- coef(svyquantile(~monthly_wage, design, 0.5, ci = FALSE))[1]
  threshold <- median_all * 2 / 3
  for (scope in c("all", "industrial")) {
    in_scope <- if (scope == "all") rep(TRUE, nrow(d)) else d$in_industrial
    if (!any(in_scope)) next
    scoped <- subset(design, in_scope)
    for (by in by_vars) {
      for (value in sort(unique(as.character(d[[by]][in_scope])))) {
        member <- in_scope & as.character(d[[by]]) == value
        n <- sum(member)
        dom <- subset(design, member)
        # headcount: a total over the full design
        t <- svytotal(~one, dom)
        ci <- confint(t)
        emit(dataset = name, scope = scope, by = by, domain = value, indicator = "headcount", n = n,
             estimate = coef(t)[1], se = SE(t)[1], ci_low = ci[1], ci_high = ci[2], deff = NA)
        # share of the scope
        d$indicator <- as.numeric(member)
        design_i <- update(scoped, indicator = as.numeric(as.character(scoped$variables[[by]]) == value))
        m <- svymean(~indicator, design_i, deff = TRUE)
        ci <- confint(m)
        emit(dataset = name, scope = scope, by = by, domain = value, indicator = "share", n = n,
             estimate = coef(m)[1], se = SE(m)[1], ci_low = ci[1], ci_high = ci[2], deff = deff(m)[1])
        # mean wage
        m <- svymean(~monthly_wage, dom, deff = TRUE)
        ci <- confint(m)
        emit(dataset = name, scope = scope, by = by, domain = value, indicator = "mean_wage", n = n,
             estimate = coef(m)[1], se = SE(m)[1], ci_low = ci[1], ci_high = ci[2],
             deff = if (n > 1) deff(m)[1] else NA)
        # low pay: share below 2/3 of the overall median
        dom_low <- update(dom, low = as.numeric(monthly_wage < threshold))
        m <- svymean(~low, dom_low, deff = TRUE)
        ci <- confint(m)
        emit(dataset = name, scope = scope, by = by, domain = value, indicator = "low_pay_rate", n = n,
             estimate = coef(m)[1], se = SE(m)[1], ci_low = ci[1], ci_high = ci[2],
             deff = if (n > 1) deff(m)[1] else NA)
        # quantiles with Woodruff intervals (R's defaults: qrule "math", interval.type "mean")
        if (n >= 30) {
          q <- svyquantile(~monthly_wage, dom, probs, ci = TRUE, qrule = qrule_math_fixed)[[1]]
          q_default <- svyquantile(~monthly_wage, dom, probs, ci = TRUE)[[1]]
          quirk_rows <- quirk_rows + sum(rowSums(q[, 1:3] != q_default[, 1:3], na.rm = TRUE) > 0)
          for (k in seq_along(probs)) {
            emit(dataset = name, scope = scope, by = by, domain = value,
                 indicator = sprintf("p%d", round(100 * probs[k])), n = n,
                 estimate = q[k, 1], se = q[k, 4], ci_low = q[k, 2], ci_high = q[k, 3], deff = NA)
          }
        }
      }
    }
  }
}
expected <- do.call(rbind, rows)
for (name in names(datasets)) {
  write.csv(expected[expected$dataset == name, -1], file.path(out, name, "expected.csv"),
            row.names = FALSE, fileEncoding = "UTF-8", na = "")
}
cat("wrote", nrow(expected), "reference estimates for", length(datasets), "datasets to", out, "\n")
cat(quirk_rows, "quantile rows where survey's default qrule_math differs from the definition\n")
cat(R.version.string, "; survey", as.character(packageVersion("survey")), "\n")
