# Reference calibrated estimates from R's survey package (docs/estimation.md): the sample's
# weights adjusted so that they reproduce known population counts (and totals), then the
# estimates and their SEs on the calibrated design.
#
# The California API stratified sample (apistrat) in the input contract, as
# scripts/r/changes.R writes its workers_2000.csv (industry C/G/K from stype E/M/H, sex M when
# comp.imp is "Yes", hukou local when awards is "Yes", age 16 + snum mod 60). The population
# is all 6194 California schools (apipop) with the same derived columns: population.csv gives,
# for year 2000, the count of schools of each code of industry, sex and hukou, and of each
# cell of industry × sex, and the total
# of age (the row with margin age and no code). Every folder's population.csv holds all of
# them; its plan.toml picks which to calibrate to:
#   apistrat-calibration-poststratify  postStratify(design, ~industry + sex, counts) on the
#                                      cross of industry and sex (margin industry_x_sex, codes
#                                      such as C/M, as the domain column shows a cross's codes);
#   apistrat-calibration-rake          calibrate(design, ~industry + sex + hukou, totals,
#                                      calfun = "raking"), the estimates and SEs; se_rake is
#                                      the SE from survey's rake() on the three margins (the same
#                                      weights, an approximate variance);
#   apistrat-calibration-linear        calibrate(design, ~industry + sex + age, totals,
#                                      calfun = "linear") (GREG).
# The plan also declares a rate: monthly_wage > 700. The design: strata stype, PSUs the
# schools, nested, with the fpc. For all workers, each sex, each industry and each hukou:
# the mean wage and the share scoring above 700 (svymean), the headcount (svytotal of 1);
# SEs and normal 95 % intervals. se_uncalibrated is the SE of the same estimate on the
# design before calibration, to show what calibration gains. n is the rows of the domain.
# After those rows, the median wage (p50) of each of the same domains on the calibrated design:
# svyquantile(~monthly_wage, subset(calibrated, member), 0.5, ci = TRUE, qrule = qrule_math_fixed)
# as scripts/r/lonely_average.R calls it (the "math" rule, a 95 % Woodruff interval whose
# indicator mean has the calibrated SE); se is svyquantile's, the interval's width over
# 2·t(degf); se_uncalibrated (and for rake se_rake) the same on the uncalibrated (rake()) design.
# g_weights.csv gives the range of the g-weights, weights(calibrated) / weights(design), and
# for rake() the passes over the margins it took (calibrate() does not report its iterations).
# Output: Tests/WorkforceKitTests/Fixtures/r-plan/apistrat-calibration-{poststratify,rake,linear}/
#         {workers_2000.csv,population.csv,plan.toml,expected.csv,g_weights.csv}
# Run:    Rscript scripts/r/calibration.R   (needs Debian's r-base-core and r-cran-survey)
suppressMessages(library(survey))
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))[1])), "common.R"))
options(survey.lonely.psu = "adjust", digits = 17)
args <- commandArgs(TRUE)
root <- if (length(args)) args[1] else "Tests/WorkforceKitTests/Fixtures/r-plan"

data(api)
d <- apistrat_workers(apistrat)

# The population's counts of each code and its total of age, from apipop's derived columns.
pop <- data.frame(
  industry = c(E = "C", M = "G", H = "K")[as.character(apipop$stype)],
  sex = ifelse(yn(apipop$comp.imp) == 1, "M", "F"),
  hukou = ifelse(yn(apipop$awards) == 1, "local", "nonlocal"),
  age = 16 + apipop$snum %% 60, stringsAsFactors = FALSE)
codes <- list(industry = c("C", "G", "K"), sex = c("M", "F"), hukou = c("local", "nonlocal"))
count <- function(margin, code) sum(pop[[margin]] == code)
population <- rbind(
  do.call(rbind, lapply(names(codes), function(margin)
    data.frame(year = 2000L, margin = margin, code = codes[[margin]],
               total = sapply(codes[[margin]], function(code) count(margin, code)), stringsAsFactors = FALSE))),
  do.call(rbind, lapply(codes$industry, function(i)
    data.frame(year = 2000L, margin = "industry_x_sex", code = paste0(i, "/", codes$sex),
               total = sapply(codes$sex, function(s) sum(pop$industry == i & pop$sex == s)), stringsAsFactors = FALSE))),
  data.frame(year = 2000L, margin = "age", code = NA, total = sum(pop$age), stringsAsFactors = FALSE))
rownames(population) <- NULL
print(population)
n_pop <- nrow(pop)
# A margin's table for postStratify() and rake(): its codes and their counts.
margin_table <- function(margin) {
  t <- data.frame(sort(codes[[margin]]), sapply(sort(codes[[margin]]), function(code) count(margin, code)))
  names(t) <- c(margin, "Freq")
  rownames(t) <- NULL
  t
}

plans <- list(
  poststratify = c(
    "[calibration]",
    "method = \"poststratify\"",
    "margins = [\"industry x sex\"]"),
  rake = c(
    "[calibration]",
    "method = \"rake\"",
    "margins = [\"industry\", \"sex\", \"hukou\"]",
    "tolerance = 1e-10",
    "max_iterations = 100"),
  linear = c(
    "[calibration]",
    "method = \"linear\"",
    "margins = [\"industry\", \"sex\"]",
    "totals = [\"age\"]"))
rate_lines <- c(
  "",
  "[rates.high_score]",
  "en = \"Share scoring above 700\"",
  "zh = \"成绩指数超过700的比例\"",
  "when = \"monthly_wage > 700\"")

st <- d
st$high <- as.numeric(st$monthly_wage > 700)
st$one <- 1
st$all <- "all"
design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = st, nest = TRUE)

# calibrate()'s population totals are named as the model matrix's columns: the intercept
# (every school), then each code but the first (alphabetical) level of each margin.
check_names <- function(formula, totals) {
  mm <- colnames(model.matrix(formula, st))
  cat("model.matrix columns of", deparse(formula), ":", mm, "\n")
  stopifnot(identical(mm, names(totals)))
  totals
}
rake_totals <- check_names(~industry + sex + hukou, c(
  `(Intercept)` = n_pop, industryG = count("industry", "G"), industryK = count("industry", "K"),
  sexM = count("sex", "M"), hukounonlocal = count("hukou", "nonlocal")))
linear_totals <- check_names(~industry + sex + age, c(
  `(Intercept)` = n_pop, industryG = count("industry", "G"), industryK = count("industry", "K"),
  sexM = count("sex", "M"), age = sum(pop$age)))

# rake(): the passes over the margins it needs to converge (the fewest maxit without warning).
rake_passes <- function(epsilon) {
  for (k in 1:100) {
    warned <- FALSE
    withCallingHandlers(
      rake(design, list(~industry, ~sex, ~hukou), lapply(c("industry", "sex", "hukou"), margin_table),
           control = list(maxit = k, epsilon = epsilon)),
      warning = function(w) { warned <<- TRUE; invokeRestart("muffleWarning") })
    if (!warned) return(k)
  }
  NA
}

measures <- list(
  list(indicator = "mean_wage", formula = ~monthly_wage, fun = svymean),
  list(indicator = "high_score", formula = ~high, fun = svymean),
  list(indicator = "headcount", formula = ~one, fun = svytotal))
# Estimates and SEs of a measure in each domain of by, in the sorted order of its values.
by_domain <- function(dsg, m, by, values) {
  if (by == "all") {
    e <- m$fun(m$formula, dsg)
    return(list(est = unname(coef(e)), se = unname(SE(e))))
  }
  e <- svyby(m$formula, as.formula(paste0("~", by)), dsg, m$fun)
  k <- match(values, rownames(e))
  list(est = unname(coef(e))[k], se = unname(SE(e))[k])
}

z <- qnorm(0.975)
for (method in names(plans)) {
  out <- file.path(root, paste0("apistrat-calibration-", method))
  dir.create(out, recursive = TRUE, showWarnings = FALSE)
  write.csv(d, file.path(out, "workers_2000.csv"), row.names = FALSE, fileEncoding = "UTF-8", na = "")
  write.csv(population, file.path(out, "population.csv"), row.names = FALSE, fileEncoding = "UTF-8", na = "", quote = FALSE)
  writeLines(c(plans[[method]], rate_lines), file.path(out, "plan.toml"))

  other <- NULL
  g_rows <- list()
  if (method == "poststratify") {
    cells <- as.data.frame(table(industry = pop$industry, sex = pop$sex), stringsAsFactors = FALSE)
    cal <- postStratify(design, ~industry + sex, cells)
  } else if (method == "rake") {
    cal <- calibrate(design, ~industry + sex + hukou, population = rake_totals,
                     calfun = "raking", epsilon = 1e-12, maxit = 100)
    other <- rake(design, list(~industry, ~sex, ~hukou), lapply(c("industry", "sex", "hukou"), margin_table),
                  control = list(maxit = 100, epsilon = 1e-9))
    g <- weights(other) / weights(design)
    g_rows[[2]] <- data.frame(method = "rake_survey_rake", g_min = min(g), g_max = max(g),
                              iterations = rake_passes(1e-9), stringsAsFactors = FALSE)
    cat("largest |weights(rake()) - weights(calibrate(raking))|:", max(abs(weights(other) - weights(cal))), "\n")
    # rake()'s epsilon below 1 is relative to the sum of the weights and bounds the change of
    # the cell counts between passes, not the misfit: at 1e-9 its weights stop ~1e-5 short of
    # calibrate()'s; a tighter epsilon shows the gap is only that stopping rule.
    tight <- rake(design, list(~industry, ~sex, ~hukou), lapply(c("industry", "sex", "hukou"), margin_table),
                  control = list(maxit = 1000, epsilon = 1e-13))
    cat("  with epsilon = 1e-13:", max(abs(weights(tight) - weights(cal))), "\n")
  } else {
    cal <- calibrate(design, ~industry + sex + age, population = linear_totals, calfun = "linear")
  }
  g <- weights(cal) / weights(design)
  g_rows[[1]] <- data.frame(method = method, g_min = min(g), g_max = max(g), iterations = NA, stringsAsFactors = FALSE)
  write.csv(do.call(rbind, g_rows), file.path(out, "g_weights.csv"), row.names = FALSE, na = "")
  cat(method, ": calibrated totals", svytotal(~industry + sex + hukou + age, cal)[], "\n")

  rows <- list()
  largest <- 0
  for (by in c("all", "sex", "industry", "hukou")) {
    values <- sort(unique(as.character(st[[by]])))
    n <- sapply(values, function(v) sum(st[[by]] == v))
    for (m in measures) {
      e <- by_domain(cal, m, by, values)
      u <- by_domain(design, m, by, values)
      se_rake <- NA
      if (!is.null(other)) {
        r <- by_domain(other, m, by, values)
        largest <- max(largest, abs(r$est - e$est))
        se_rake <- r$se
      }
      rows[[length(rows) + 1]] <- data.frame(
        method = method, year = 2000L, scope = "all", by = by, domain = values, indicator = m$indicator,
        n = unname(n), estimate = e$est, se = e$se, ci_low = e$est - z * e$se, ci_high = e$est + z * e$se,
        se_uncalibrated = u$se, se_rake = se_rake, stringsAsFactors = FALSE)
    }
  }
  # The median wage of each domain, appended after the rows above.
  median_of <- function(dsg, member) {
    q <- svyquantile(~monthly_wage, subset(dsg, member), 0.5, ci = TRUE, qrule = qrule_math_fixed)[[1]]
    list(est = q[1, 1], se = q[1, 4], ci_low = q[1, 2], ci_high = q[1, 3])
  }
  for (by in c("all", "sex", "industry", "hukou")) {
    for (value in sort(unique(as.character(st[[by]])))) {
      member <- as.character(st[[by]]) == value
      e <- median_of(cal, member)
      u <- median_of(design, member)
      se_rake <- NA
      if (!is.null(other)) {
        r <- median_of(other, member)
        largest <- max(largest, abs(r$est - e$est))
        se_rake <- r$se
      }
      rows[[length(rows) + 1]] <- data.frame(
        method = method, year = 2000L, scope = "all", by = by, domain = value, indicator = "p50",
        n = sum(member), estimate = e$est, se = e$se, ci_low = e$ci_low, ci_high = e$ci_high,
        se_uncalibrated = u$se, se_rake = se_rake, stringsAsFactors = FALSE)
    }
  }
  if (!is.null(other)) cat("largest |estimate of rake() - calibrate(raking)|:", largest, "\n")
  expected <- do.call(rbind, rows)
  write.csv(expected, file.path(out, "expected.csv"), row.names = FALSE, na = "")
  cat(nrow(expected), "reference rows written to", out, "\n")
}
