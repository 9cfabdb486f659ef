# Chart written by defspend.  Edit and re-run with: gnuplot THIS-FILE.gp
# (run it in this directory; the data file and the image are named below).

# ---- house style: plots/defspend.gp ----
# defspend house style for gnuplot charts.
#
# Copied verbatim into every script `defspend plot` and `defspend report`
# write, so a script runs on its own.  Fonts: DejaVu Sans (Debian
# fonts-dejavu-core, pulled in by gnuplot); colours: the Okabe-Ito palette,
# safe for the common colour-vision deficiencies, in the order below;
# lines thick enough to read when the chart is shrunk into a report.
ds_font = 'DejaVu Sans'
ds_ink = '#222222'
ds_grey = '#666666'
# Okabe & Ito (2008): blue, vermillion, bluish green, orange,
# reddish purple, sky blue, black, yellow
set linetype 1 lc rgb '#0072B2' lw 2.5 pt 7 ps 1.1 dt 1
set linetype 2 lc rgb '#D55E00' lw 2.5 pt 5 ps 1.1 dt 1
set linetype 3 lc rgb '#009E73' lw 2.5 pt 9 ps 1.2 dt 1
set linetype 4 lc rgb '#E69F00' lw 2.5 pt 13 ps 1.2 dt 1
set linetype 5 lc rgb '#CC79A7' lw 2.5 pt 11 ps 1.2 dt 1
set linetype 6 lc rgb '#56B4E9' lw 2.5 pt 15 ps 1.1 dt 1
set linetype 7 lc rgb '#000000' lw 2.5 pt 6 ps 1.1 dt 1
set linetype 8 lc rgb '#F0E442' lw 2.5 pt 4 ps 1.1 dt 1
set linetype cycle 8
# a sequential, colour-blind-safe palette for heatmaps (ColorBrewer
# YlGnBu, light half, so black value labels stay readable on every cell)
set palette defined (0 '#ffffd9', 1 '#edf8b1', 2 '#c7e9b4', 3 '#7fcdbb', 4 '#41b6c4')
set border 3 lc rgb ds_ink lw 1
set tics nomirror out scale 0.6 textcolor rgb ds_ink
set grid ytics lc rgb '#d9d9d9' lw 1 dt 1
set grid layerdefault back
set style fill solid 0.85 noborder
set key textcolor rgb ds_ink samplen 2.5 spacing 1.15 noautotitle
set datafile separator comma
set datafile missing ''
set decimalsign '.'
# ---- end of house style ----

if (!exists('ds_data')) ds_data = 'bridge.plot.csv'
if (!exists('ds_output')) ds_output = 'bridge.png'
ds_fs = 13
ds_lh = 0.022
set terminal pngcairo size 1280,800 noenhanced font ds_font.','.ds_fs linewidth 1.4 background rgb 'white'
if (ds_output ne '') { set output ds_output } else { set output }
set termoption noenhanced
set style textbox opaque fillcolor rgb 'white' noborder margins 1,1
set label 'Japan (JPN): FY2024: what counts as defense spending, from the MoD budget to the government''s security-related total' at screen 0.5, screen 1 center offset 0,-1.2 noenhanced font ds_font.','.(ds_fs + 2)
set xlabel 'labels: amount (≈ approximate); % of 2024 GDP | % of FY2022 GDP (the 2% target''s base); beside it: WDI 2024: 1.37% of GDP' noenhanced
set xrange [-0.6:7.6]
set ylabel 'current JPY tn, FY2024 budgets' noenhanced
set yrange [0:11.67216]
set key at screen 0.5, screen (1 - 2.2 * ds_lh) center top horizontal noenhanced maxcols 2
set tmargin 5.4
set label 'Source: Japan MoD budget table [S20 S21 S22 S23] (vintage 2025-12-26); Japan security-related total [G4] (vintage 2025-12-26); World Bank WDI' at character 1, character 3 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set label 'MS.MIL.XPND.GD.ZS (vintage 2026-02-24); GDP: World Bank WDI NY.GDP.MKTP.CN (vintage 2025-10-07); base GDP: Japan security-related total [G3 G1 G2]' at character 1, character 1.9 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set label '(vintage 2025-12-26); chart: defspend' at character 1, character 0.8 left noenhanced textcolor rgb ds_grey font ds_font.','.(ds_fs - 2)
set bmargin 7.8
set xtics ('MoD excl.' 0) noenhanced
set label '¥7.72 tn' at first 0, first 8.259874 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set label '1.27% | 1.38%' at first 0, first 7.7249 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set xtics add ('+SACO etc.' 1)
set label '+¥224.7 bn' at first 1, first 8.484574 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set label '0.04% | 0.04%' at first 1, first 7.9496 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set xtics add ('=MoD' 2)
set label '¥7.95 tn' at first 2, first 8.484574 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set label '1.30% | 1.42%' at first 2, first 7.9496 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set xtics add ('+MoD suppl.' 3)
set label '+¥826.8 bn' at first 3, first 9.311374 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set label '0.14% | 0.15%' at first 3, first 8.7764 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set xtics add ('+others' 4)
set label '+¥950.4 bn' at first 4, first 10.261774 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set label '0.16% | 0.17%' at first 4, first 9.7268 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set xtics add ('+others suppl.' 5)
set label 'n/a' at first 5, first 0.534974 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set xtics add ('=total' 6)
set label 'n/a' at first 6, first 0.534974 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set xtics add ('memo: initial' 7)
set label '¥8.90 tn' at first 7, first 9.434974 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
set label '1.46% | 1.59%' at first 7, first 8.9 center offset 0,0.8 boxed front noenhanced textcolor rgb ds_ink
plot \
  ds_data skip 1 using 1:((column(2)+column(3))/2):(0.62/2):(abs(column(3)-column(2))/2) with boxxyerror lt 1 fs solid 0.85 title 'level (a stored total)', \
  ds_data skip 1 using 1:((column(4)+column(5))/2):(0.62/2):(abs(column(5)-column(4))/2) with boxxyerror lt 3 fs solid 0.85 title 'step added', \
  ds_data skip 1 using 1:((column(6)+column(7))/2):(0.62/2):(abs(column(7)-column(6))/2) with boxxyerror lt 6 fs solid 0.85 title 'memo: initial budget only'
unset output
