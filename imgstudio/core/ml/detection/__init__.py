"""Object detection without Qt: boxes, annotation formats, mAP, classical detectors, results.

Every box is in pixels of the original (upright) image, with continuous coordinates: a box
that covers pixel columns 10 to 19 has ``x = 10`` and ``width = 10``, as in COCO. The
format readers and writers convert other conventions (VOC's 1-based corners, YOLO's
normalised centres) at the file boundary only.
"""
